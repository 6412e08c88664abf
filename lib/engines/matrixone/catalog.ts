import { isAppError } from '@/lib/errors';
import type { PitrInfo, PitrRange } from '@/lib/engines/types';
import type { MatrixOneContext } from './context';
import { pitrWindowSql, showTablesSql } from './read-statements';
import { optionalText, pitrFromRow } from './rows';
import type { PitrWindow } from './pitr-checks';

/**
 * What the engine reads from the server to check a request before sending it (see
 * `runChecked`). Each read is one short query; none changes anything.
 */

export async function databaseExists(context: MatrixOneContext, database: string): Promise<boolean> {
  const rows = await context.runner.rows('list databases', 'SHOW DATABASES');
  return rows.some((row) => optionalText(row, 'Database') === database);
}

/**
 * The tables of `database` now, or at `snapshot`; null when the database does not exist
 * (then, or now). MatrixOne answers that with errno 1049, which maps to NOT_FOUND.
 */
export async function tableNamesOf(context: MatrixOneContext, database: string, snapshot?: string): Promise<string[] | null> {
  try {
    const rows = await context.runner.rows(`list the tables of ${database}`, showTablesSql(database, snapshot));
    return rows.map((row) => String(Object.values(row)[0]));
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/** A row of SHOW PITR with its creation time as the server wrote it (its local time). */
export interface PitrRecord extends PitrInfo {
  createdLocal?: string;
}

export async function listPitrRecords(context: MatrixOneContext): Promise<PitrRecord[]> {
  const rows = await context.runner.rows('list PITRs', 'SHOW PITR');
  return rows.map((row) => ({ ...pitrFromRow(row), createdLocal: optionalText(row, 'CREATED_TIME') }));
}

/** The server's local time now and `range` ago: where a PITR restore time must lie. */
export async function pitrWindowOf(context: MatrixOneContext, range: PitrRange): Promise<PitrWindow> {
  const [row] = await context.runner.rows('read the server clock', pitrWindowSql(range));
  const now = row ? optionalText(row, 'now_local') : undefined;
  const earliest = row ? optionalText(row, 'earliest_local') : undefined;
  if (now === undefined || earliest === undefined) throw new TypeError('MatrixOne returned no clock reading.');
  return { now, earliest };
}

/** The account the engine's user belongs to (`current_account_name()`). */
export async function connectedAccountOf(context: MatrixOneContext): Promise<string> {
  return (await context.runner.scalar('read the connected account', 'SELECT current_account_name()')) ?? '';
}
