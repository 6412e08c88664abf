import { assertName, quoteMysqlIdent as ident, quoteSqlString as text } from '@/lib/engines/names';
import type { PitrRange } from '@/lib/engines/types';
import { assertPitrRange, assertSnapshotName, assertUserDatabase, MATRIXONE_SYSTEM_DATABASES } from './rules';

/**
 * The reads the engine makes before (and after) a statement so that a refusal gets a
 * precise code: MatrixOne reports most of them only as its generic error 20101. Pure:
 * each validates its names and returns the SQL, pinned by tests as the real server took it.
 */

/** `SHOW TABLES FROM db [{SNAPSHOT = 's'}]`: the tables of a database now, or at a snapshot. */
export function showTablesSql(database: string, snapshot?: string): string {
  assertUserDatabase(database);
  if (snapshot === undefined) return `SHOW TABLES FROM ${ident(database)}`;
  assertSnapshotName(snapshot);
  return `SHOW TABLES FROM ${ident(database)} {SNAPSHOT = ${text(snapshot)}}`;
}

/** A query that returns a table's columns (now, or at a snapshot) and no rows. */
export function columnsProbeSql(table: { database: string; table: string }, snapshot?: string): string {
  assertUserDatabase(table.database);
  assertName('table', table.table);
  const hint = snapshot === undefined ? '' : ` {SNAPSHOT = ${text((assertSnapshotName(snapshot), snapshot))}}`;
  return `SELECT * FROM ${ident(table.database)}.${ident(table.table)}${hint} WHERE 1 = 0`;
}

const SERVER_TIME_FORMAT = "'%Y-%m-%d %H:%i:%s'";
/** The server's clock as PITR restores read it: local time, whole seconds. */
export const SERVER_TIME_SQL = `SELECT DATE_FORMAT(NOW(), ${SERVER_TIME_FORMAT}) AS now_local`;

const INTERVAL_UNITS: Record<PitrRange['unit'], string> = { h: 'HOUR', d: 'DAY', mo: 'MONTH', y: 'YEAR' };

/**
 * The server's clock now and `range` ago, in its local time as PITR restores read it
 * ('YYYY-MM-DD HH:MM:SS'): a restore time must lie between the two.
 */
export function pitrWindowSql(range: PitrRange): string {
  assertPitrRange(range);
  const earliest = `DATE_SUB(NOW(), INTERVAL ${range.value} ${INTERVAL_UNITS[range.unit]})`;
  return `SELECT DATE_FORMAT(NOW(), ${SERVER_TIME_FORMAT}) AS now_local, DATE_FORMAT(${earliest}, ${SERVER_TIME_FORMAT}) AS earliest_local`;
}

const SYSTEM_LIST = MATRIXONE_SYSTEM_DATABASES.map(text).join(', ');

/**
 * Logical bytes per table. `mo_catalog.mo_tables` holds every account's tables when read
 * as sys, and `mo_table_size` looks names up in the caller's account (another account's
 * database fails the whole query with 20101), so the rows are limited to the caller's account.
 */
export const TABLE_SIZES_SQL =
  'SELECT reldatabase AS database_name, relname AS table_name, mo_table_size(reldatabase, relname) AS size_bytes ' +
  `FROM mo_catalog.mo_tables WHERE relkind = 'r' AND account_id = current_account_id() AND reldatabase NOT IN (${SYSTEM_LIST})`;
