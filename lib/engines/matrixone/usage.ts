import { quoteSqlString } from '@/lib/engines/names';
import type { ConnectionInfo, DatabaseUsage, StorageUsage } from '@/lib/engines/types';
import type { MatrixOneContext } from './context';
import type { DriverRow, MysqlTarget } from './pool';
import { columnOf, optionalText } from './rows';
import { MATRIXONE_SYSTEM_DATABASES } from './rules';
import { logicalOnlyUsage } from '../logical-usage';

const SYSTEM_LIST = MATRIXONE_SYSTEM_DATABASES.map(quoteSqlString).join(', ');

/**
 * Logical bytes per table from `mo_table_size`, summed per database. MatrixOne reports
 * no per-database size and no per-clone delta (a fresh clone reports the full logical
 * size of its source), so own / shared / physical bytes are null: the UI says so.
 */
export const TABLE_SIZES_SQL =
  'SELECT reldatabase AS database_name, relname AS table_name, mo_table_size(reldatabase, relname) AS size_bytes ' +
  `FROM mo_catalog.mo_tables WHERE relkind = 'r' AND reldatabase NOT IN (${SYSTEM_LIST})`;

export function sumTableSizes(databases: readonly string[], rows: readonly DriverRow[]): DatabaseUsage[] {
  const totals = new Map<string, number>(databases.map((name) => [name, 0]));
  for (const row of rows) {
    const database = optionalText(row, 'database_name');
    const bytes = Number(columnOf(row, 'size_bytes') ?? 0);
    if (database === undefined || !Number.isFinite(bytes)) continue;
    totals.set(database, (totals.get(database) ?? 0) + bytes);
  }
  return [...totals].map(([database, logicalBytes]) => ({ database, logicalBytes, ownBytes: null, sharedBytes: null }));
}

export async function measureUsage(context: MatrixOneContext, databases: readonly string[]): Promise<StorageUsage> {
  const rows = await context.runner.rows('measure storage', TABLE_SIZES_SQL);
  const usage = sumTableSizes(databases, rows);
  return logicalOnlyUsage(usage);
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
