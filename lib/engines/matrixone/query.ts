import { assertName, quoteMysqlIdent } from '@/lib/engines/names';
import type { QueryOptions, QueryResult } from '@/lib/engines/types';
import type { MatrixOneContext } from './context';
import type { MysqlSession } from './pool';

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
  const result = await session.arrays(sql);
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
