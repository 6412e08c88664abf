import pg from 'pg';
import { mapPgError } from '../yugabyte/errors';
import { SOCKET_PORT, type PgServer } from './server';
import type { QueryResult } from '../types';

/** Runs `sql` (one or more statements) and returns the last statement's rows, at most `maxRows`. */
export async function collectResult(client: pg.Client, sql: string, maxRows: number): Promise<QueryResult> {
  const answer = (await client.query({ text: sql, rowMode: 'array' })) as pg.QueryArrayResult | pg.QueryArrayResult[];
  const last = Array.isArray(answer) ? answer[answer.length - 1]! : answer;
  const rows = last.rows ?? [];
  const truncated = rows.length > maxRows;
  return {
    command: last.command ?? '',
    columns: (last.fields ?? []).map((field) => field.name),
    rows: truncated ? rows.slice(0, maxRows) : rows,
    rowCount: last.fields?.length ? rows.length : (last.rowCount ?? 0),
    truncated,
  };
}

/** Runs `sql` on the server as one of the environment's roles, over its private socket. */
export async function runAsRole(
  server: PgServer,
  database: string,
  credentials: { user: string; password: string },
  sql: string,
  options: { maxRows: number; timeoutMs: number },
): Promise<QueryResult> {
  const client = new pg.Client({
    host: server.socketDir,
    port: SOCKET_PORT,
    database,
    ...credentials,
    statement_timeout: options.timeoutMs,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await collectResult(client, sql, options.maxRows);
  } catch (error) {
    throw mapPgError(error, { operation: `run a query in ${database}`, server: 'PostgreSQL' });
  } finally {
    await client.end().catch(() => undefined);
  }
}
