import { type AppError, validation } from '@/lib/errors';
import { assertName, quoteMysqlIdent } from '@/lib/engines/names';
import { codeForMysqlError, isFatalDriverError, serverErrno } from './errors';
import type { QueryOptions, QueryResult } from '@/lib/engines/types';
import type { MatrixOneContext } from './context';
import type { MysqlSession } from './pool';

/** Codes that say something about the connection or the user's rights, not about the SQL typed. */
const KEPT_CODES: ReadonlySet<string> = new Set(['TIMEOUT', 'FORBIDDEN', 'ENGINE_UNAVAILABLE']);

/**
 * An error the server raised about the statement a user typed (a syntax error, a bad cast,
 * an unknown column) is theirs to read, as the embedded engine's console shows Postgres'
 * message: VALIDATION with the server's text. Decided by errno (a server error on a live
 * connection whose code is not one of the above), never by the text.
 */
export function userSqlError(error: unknown): AppError | undefined {
  if (serverErrno(error) === undefined || isFatalDriverError(error)) return undefined;
  const code = codeForMysqlError(error);
  if (code !== undefined && KEPT_CODES.has(code)) return undefined;
  const message = (error as { sqlMessage?: unknown }).sqlMessage;
  const text = typeof message === 'string' && message ? message : 'the server refused the statement';
  return validation(`SQL error: ${text}`, { sql: [text] });
}

/** Rows a query returns at most when the caller sets no limit. */
export const DEFAULT_MAX_ROWS = 1_000;

/** The statement's leading keyword, for display ("SELECT", "INSERT"); never used for decisions. */
export function commandOf(sql: string): string {
  const match = /^\s*(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*([A-Za-z]+)/.exec(sql);
  return match ? match[1]!.toUpperCase() : '';
}

/**
 * Runs one statement typed by a user in `database`. The pool has multi-statement mode
 * off, so the text is exactly one statement; read-only calls run inside a READ ONLY
 * transaction that is always rolled back, so the server itself refuses writes.
 */
export async function runUserQuery(
  context: MatrixOneContext,
  database: string,
  sql: string,
  options: QueryOptions = {},
): Promise<QueryResult> {
  assertName('database', database);
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  return context.runner.withConnection(`run a query in ${database}`, async (session) => {
    await session.execute(`USE ${quoteMysqlIdent(database)}`);
    if (!options.readOnly) return collect(session, sql, maxRows);
    await session.execute('START TRANSACTION READ ONLY');
    try {
      return await collect(session, sql, maxRows);
    } finally {
      await session.execute('ROLLBACK');
    }
  });
}

async function collect(session: MysqlSession, sql: string, maxRows: number): Promise<QueryResult> {
  let result: Awaited<ReturnType<MysqlSession['arrays']>>;
  try {
    result = await session.arrays(sql);
  } catch (error) {
    throw userSqlError(error) ?? error;
  }
  const truncated = result.rows.length > maxRows;
  const rows = truncated ? result.rows.slice(0, maxRows) : result.rows;
  return {
    command: commandOf(sql),
    columns: result.columns,
    rows,
    rowCount: result.columns.length > 0 ? result.rows.length : result.affectedRows,
    truncated,
  };
}
