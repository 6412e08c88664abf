import { describe, expect, it } from 'vitest';
import { diffTableStatement, mergeTableStatement } from './branch-statements';

const orders = { database: 'qa_env', table: 'Orders' };

/** Each statement here is the text MatrixOne (main, commit 7c27538f5a) accepted. */
describe('data-branch statements', () => {
  it('diffs a table against its own past at a snapshot, as a summary or a sample', () => {
    const against = { kind: 'snapshot', database: 'qa_env', snapshot: 'qa_env_base' } as const;
    expect(diffTableStatement(orders, against, { kind: 'summary' }).sql).toBe(
      "DATA BRANCH DIFF `qa_env`.`Orders` AGAINST `qa_env`.`Orders` {SNAPSHOT = 'qa_env_base'} OUTPUT SUMMARY",
    );
    expect(diffTableStatement(orders, against, { kind: 'rows', limit: 21 }).sql).toBe(
      "DATA BRANCH DIFF `qa_env`.`Orders` AGAINST `qa_env`.`Orders` {SNAPSHOT = 'qa_env_base'} OUTPUT LIMIT 21",
    );
  });

  it('diffs a table against the same-named table of another database now', () => {
    expect(diffTableStatement(orders, { kind: 'database', database: 'production' }, { kind: 'summary' }).sql).toBe(
      'DATA BRANCH DIFF `qa_env`.`Orders` AGAINST `production`.`Orders` OUTPUT SUMMARY',
    );
  });

  it('merges with each conflict choice', () => {
    const target = { database: 'staging', table: 'Orders' };
    expect(mergeTableStatement(orders, target, 'fail').sql).toBe(
      'DATA BRANCH MERGE `qa_env`.`Orders` INTO `staging`.`Orders` WHEN CONFLICT FAIL',
    );
    expect(mergeTableStatement(orders, target, 'skip').sql).toContain('WHEN CONFLICT SKIP');
    expect(mergeTableStatement(orders, target, 'accept').sql).toContain('WHEN CONFLICT ACCEPT');
  });

  it('refuses bad names, system databases and sample sizes before building anything', () => {
    expect(() =>
      diffTableStatement({ database: 'mo_catalog', table: 't' }, { kind: 'database', database: 'x' }, { kind: 'summary' }),
    ).toThrow(/system database/);
    expect(() => diffTableStatement(orders, { kind: 'snapshot', database: 'qa_env', snapshot: "x'" }, { kind: 'summary' })).toThrow(
      /snapshot name/,
    );
    expect(() => diffTableStatement(orders, { kind: 'database', database: 'x' }, { kind: 'rows', limit: 0 })).toThrow(/1–1000 rows/);
    expect(() => mergeTableStatement(orders, { database: 'staging', table: 'bad-name' }, 'skip')).toThrow(/table name/);
  });
});
