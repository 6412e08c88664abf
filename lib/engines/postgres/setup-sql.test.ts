import { describe, expect, it } from 'vitest';
import { postgresDialect } from './dialect';
import { RESET_ROLES_SQL } from './setup-sql';

describe('PostgreSQL engine SQL', () => {
  it('quotes what it writes into SQL', () => {
    expect(RESET_ROLES_SQL).toContain('ALTER ROLE app_readonly PASSWORD NULL');
    expect(RESET_ROLES_SQL).toContain('ALTER ROLE app_readonly SET default_transaction_read_only = on');
    expect(() => postgresDialect.describe({ kind: 'dropDatabase', database: 'x"; DROP' })).toThrow(/Invalid database name/);
    const clone = postgresDialect.describe({ kind: 'cloneDatabase', request: { source: 'prod', target: 'qa_1', from: { kind: 'now' } } });
    expect(clone.map((statement) => statement.sql)).toEqual([
      "SELECT pg_backup_start('clonedeck', true);",
      '-- copy databases/prod to databases/qa_1',
      'SELECT labelfile FROM pg_backup_stop(false);',
      'ALTER DATABASE "prod" RENAME TO "qa_1";',
    ]);
  });
});
