import type { PGlite, Results } from '@electric-sql/pglite';
import { validation } from '@/lib/errors';
import type { QueryOptions, QueryResult } from '../types';

const DEFAULT_MAX_ROWS = 500;

/**
 * Runs console SQL in an instance, as the client role the worker switched to (read-only: the
 * role that may write nothing). Read-only mode also runs exactly one statement (the extended
 * protocol refuses several) inside a READ ONLY transaction that is always rolled back.
 * Read-write mode runs a whole script; a transaction it leaves open is rolled back, since the
 * backend goes to other clients next.
 */
export async function runConsoleQuery(pg: PGlite, sql: string, options: QueryOptions = {}): Promise<QueryResult> {
  if (!sql.trim()) throw validation('Type a SQL statement to run.', { sql: ['Type a SQL statement to run.'] });
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  try {
    if (options.readOnly) {
      return await pg.transaction(async (transaction) => {
        await transaction.exec('SET TRANSACTION READ ONLY');
        const result = await transaction.query(sql, [], { rowMode: 'array' });
        await transaction.rollback();
        return shape(result, maxRows);
      });
    }
    const results = await pg.exec(sql, { rowMode: 'array' });
    if (pg.isInTransaction()) {
      await pg.exec('ROLLBACK');
      throw validation('The script left a transaction open, so it was rolled back: end it with COMMIT in the same script.', {
        sql: ['End the transaction with COMMIT in the same script.'],
      });
    }
    const last = results[results.length - 1];
    return last ? shape(last, maxRows) : { command: 'EMPTY', columns: [], rows: [], rowCount: 0, truncated: false };
  } catch (error) {
    if (pg.isInTransaction()) await pg.exec('ROLLBACK');
    throw asSqlError(error);
  }
}

/** A Postgres error from the user's own SQL is theirs to read: its message is passed on. */
export function asSqlError(error: unknown): unknown {
  const postgres = error as { severity?: unknown; message?: unknown; position?: unknown };
  if (typeof postgres.severity !== 'string' || typeof postgres.message !== 'string') return error;
  const at = typeof postgres.position === 'string' ? ` (at character ${postgres.position})` : '';
  return validation(`SQL error: ${postgres.message}${at}`, { sql: [`${postgres.message}${at}`] });
}

function shape(result: Results<unknown>, maxRows: number): QueryResult {
  const rows = (result.rows as unknown[][]).map((row) => row.map(printable));
  return {
    command: result.command ?? 'SELECT',
    columns: result.fields.map((field) => field.name),
    rows: rows.slice(0, maxRows),
    rowCount: result.affectedRows && result.fields.length === 0 ? result.affectedRows : rows.length,
    truncated: rows.length > maxRows,
  };
}

/** Values that survive JSON: bigints and dates as text, bytes as hex. */
function printable(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  return value;
}
