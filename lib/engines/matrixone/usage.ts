import type { ConnectionInfo, DatabaseUsage, StorageUsage } from '@/lib/engines/types';
import type { MatrixOneContext } from './context';
import type { DriverRow, MysqlTarget } from './pool';
import { columnOf, optionalText } from './rows';
import { TABLE_SIZES_SQL } from './read-statements';
import { logicalOnlyUsage } from '../logical-usage';

/**
 * MatrixOne reports no per-database size and no per-clone delta (a fresh clone reports the
 * full logical size of its source), so own / shared / physical bytes are null: the UI says so.
 */
export const MATRIXONE_USAGE_NOTES: readonly string[] = [
  'Sizes are what mo_table_size reports. MatrixOne updates it in the background: a database just created, cloned or restored can show 0 B, or its earlier size, for up to a minute.',
];

export function sumTableSizes(databases: readonly string[], rows: readonly DriverRow[]): DatabaseUsage[] {
  const totals = new Map<string, number>(databases.map((name) => [name, 0]));
  for (const row of rows) {
    const database = optionalText(row, 'database_name');
    const bytes = Number(columnOf(row, 'size_bytes') ?? 0);
    if (database === undefined || !Number.isFinite(bytes)) continue;
    totals.set(database, (totals.get(database) ?? 0) + bytes);
  }
  return [...totals].map(([database, logicalBytes]) => ({
    database,
    logicalBytes,
    ownBytes: null,
    sharedBytes: null,
    freedIfDroppedBytes: null,
    pinnedBytes: null,
  }));
}

export async function measureUsage(context: MatrixOneContext, databases: readonly string[]): Promise<StorageUsage> {
  const rows = await context.runner.rows('measure storage', TABLE_SIZES_SQL);
  return { ...logicalOnlyUsage(sumTableSizes(databases, rows)), notes: [...MATRIXONE_USAGE_NOTES] };
}

/** How a person connects to a MatrixOne database with the mysql client. */
export function connectionInfoFor(target: MysqlTarget, database: string): ConnectionInfo {
  const user = encodeURIComponent(target.user);
  const credentials = target.password === undefined ? user : `${user}:***`;
  return {
    protocol: 'mysql',
    host: target.host,
    port: target.port,
    user: target.user,
    database,
    url: `mysql://${credentials}@${target.host}:${target.port}/${database}`,
    command: `mysql -h ${target.host} -P ${target.port} -u '${target.user.replace(/'/g, "'\\''")}' -p ${database}`,
    notes: [
      'MatrixOne speaks the MySQL protocol: any MySQL client or driver connects.',
      'Users of an account other than sys sign in as account:user (e.g. acc1:admin).',
    ],
  };
}
