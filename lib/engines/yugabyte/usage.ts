import type { ConnectionInfo, DatabaseUsage, QueryOptions, QueryResult, StorageUsage } from '@/lib/engines/types';
import type { YugabyteContext } from './context';
import type { PgSession, PgTarget } from './pool';
import { logicalOnlyUsage } from '../logical-usage';

/**
 * YugabyteDB's pg_database_size() returns NULL, but pg_table_size() reports each table's
 * and index's stored size, so a database's logical size is their sum, read in that
 * database. Clones share files underneath without saying how much: no delta numbers.
 */
export const DATABASE_SIZE_SQL =
  'SELECT COALESCE(SUM(pg_table_size(c.oid)), 0)::bigint AS bytes FROM pg_class c ' +
  'JOIN pg_namespace n ON n.oid = c.relnamespace ' +
  "WHERE c.relkind IN ('r', 'p', 'm', 'i') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'";

export async function measureUsage(context: YugabyteContext, databases: readonly string[]): Promise<StorageUsage> {
  const usage: DatabaseUsage[] = [];
  // One database at a time: each needs its own connection, and the pools stay small.
  for (const database of databases) {
    const bytes = await context.databases.get(database).scalar(`measure ${database}`, DATABASE_SIZE_SQL);
    usage.push({
      database,
      logicalBytes: Number(bytes ?? 0),
      ownBytes: null,
      sharedBytes: null,
      freedIfDroppedBytes: null,
      pinnedBytes: null,
    });
  }
  return logicalOnlyUsage(usage);
}

export function connectionInfoFor(target: PgTarget, database: string): ConnectionInfo {
  const user = encodeURIComponent(target.user);
  const credentials = target.password === undefined ? user : `${user}:***`;
  return {
    protocol: 'postgres',
    host: target.host,
    port: target.port,
    user: target.user,
    database,
    url: `postgres://${credentials}@${target.host}:${target.port}/${database}`,
    command: `ysqlsh -h ${target.host} -p ${target.port} -U '${target.user.replace(/'/g, "'\\''")}' -d ${database}`,
    notes: ['YSQL speaks the PostgreSQL protocol: psql and any Postgres driver connect as well as ysqlsh.'],
  };
}

export const DEFAULT_MAX_ROWS = 1_000;

/**
 * Runs text typed by a user in `database`. Read-only calls run inside a READ ONLY
 * transaction that is always rolled back, so the server itself refuses writes.
 */
export async function runUserQuery(
  context: YugabyteContext,
  database: string,
  sql: string,
  options: QueryOptions = {},
): Promise<QueryResult> {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  return context.databases.get(database).withClient(`run a query in ${database}`, async (session) => {
    if (!options.readOnly) return collect(session, sql, maxRows);
    await session.execute('BEGIN READ ONLY');
    try {
      return await collect(session, sql, maxRows);
    } finally {
      await session.execute('ROLLBACK');
    }
  });
}

async function collect(session: PgSession, sql: string, maxRows: number): Promise<QueryResult> {
  const result = await session.result(sql);
  const truncated = result.rows.length > maxRows;
  return {
    command: result.command ?? '',
    columns: (result.fields ?? []).map((field) => field.name),
    rows: truncated ? result.rows.slice(0, maxRows) : result.rows,
    rowCount: result.fields?.length ? result.rows.length : (result.rowCount ?? 0),
    truncated,
  };
}
