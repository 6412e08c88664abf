import { assertName, quoteMysqlIdent as ident, quoteSqlString as text } from '@/lib/engines/names';
import type { DiffBase, DiffOutput, MergeConflictChoice, SqlStatement, TableRef } from '@/lib/engines/types';
import { validation } from '@/lib/errors';
import { assertSnapshotName, assertUserDatabase } from './rules';

/**
 * MatrixOne's data-branch statements (3.0.9 and later, and 4.x): DATA BRANCH DIFF … AGAINST …
 * and DATA BRANCH MERGE … INTO …. Pure builders; each form here ran on main (7c27538f5a).
 */

/** The most changed rows a sample asks for. */
export const MAX_DIFF_SAMPLE_ROWS = 1_000;

function table(ref: TableRef, field: string): string {
  assertUserDatabase(ref.database, field);
  assertName('table', ref.table, field);
  return `${ident(ref.database)}.${ident(ref.table)}`;
}

function base(tableName: string, against: DiffBase): string {
  const other = table({ database: against.database, table: tableName }, 'against');
  if (against.kind === 'database') return other;
  assertSnapshotName(against.snapshot);
  return `${other} {SNAPSHOT = ${text(against.snapshot)}}`;
}

function output(choice: DiffOutput): string {
  if (choice.kind === 'summary') return 'OUTPUT SUMMARY';
  if (!Number.isInteger(choice.limit) || choice.limit < 1 || choice.limit > MAX_DIFF_SAMPLE_ROWS) {
    const message = `A sample is 1–${MAX_DIFF_SAMPLE_ROWS} rows.`;
    throw validation(message, { limit: [message] });
  }
  return `OUTPUT LIMIT ${choice.limit}`;
}

/**
 * Compares `target` with the same-named table of `against`. SUMMARY answers three rows
 * (INSERTED, DELETED, UPDATED) with a count for each side; LIMIT answers changed rows, each
 * with the table it changed in and INSERT / DELETE / UPDATE before the table's own columns.
 */
export function diffTableStatement(target: TableRef, against: DiffBase, choice: DiffOutput): SqlStatement {
  const statement = `DATA BRANCH DIFF ${table(target, 'table')} AGAINST ${base(target.table, against)} ${output(choice)}`;
  return { sql: statement, comment: 'Counts rows added, deleted and updated on each side since their common base.' };
}

const CONFLICT_CLAUSE: Record<MergeConflictChoice, string> = { fail: 'FAIL', skip: 'SKIP', accept: 'ACCEPT' };

export const MERGE_CONFLICT_CHOICES: readonly MergeConflictChoice[] = ['fail', 'skip', 'accept'];

/** Applies the source table's changes to the target table; a row changed on both sides fails, keeps the target's, or takes the source's. */
export function mergeTableStatement(source: TableRef, target: TableRef, onConflict: MergeConflictChoice): SqlStatement {
  const clause = CONFLICT_CLAUSE[onConflict];
  if (!clause) throw validation('Choose fail, skip or accept for conflicts.', { onConflict: ['Choose fail, skip or accept.'] });
  return { sql: `DATA BRANCH MERGE ${table(source, 'source')} INTO ${table(target, 'target')} WHEN CONFLICT ${clause}` };
}
