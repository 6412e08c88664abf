import { unsupported, validation } from '@/lib/errors';
import { assertName, quotePgIdent as ident, quoteSqlString as text } from '@/lib/engines/names';
import type { SnapshotTarget, SqlStatement } from '@/lib/engines/types';

/**
 * YugabyteDB statement builders. Pure: each validates and quotes what it is given; the
 * engine runs these same statements (with the snapshot's time filled in).
 */

/** Where Clonedeck records named points in time, in the database the engine URL names. */
export const CATALOG_SCHEMA = 'clonedeck';

/** Databases YugabyteDB keeps for itself: never listed, cloned into, restored or dropped. */
export const YUGABYTE_SYSTEM_DATABASES: readonly string[] = ['template0', 'template1', 'postgres', 'system_platform'];

export function assertUserDatabase(name: unknown, field = 'database'): asserts name is string {
  assertName('database', name, field);
  if (YUGABYTE_SYSTEM_DATABASES.includes(name)) {
    const message = `"${name}" is a YugabyteDB system database: Clonedeck does not clone, restore or drop it.`;
    throw validation(message, { [field]: [message] });
  }
}

/** The server clock in Unix microseconds, the unit `AS OF` takes. */
export const SERVER_NOW_MICROS = '(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint';

export function assertUnixMicros(micros: bigint): void {
  // Anything before 2001 or past 2286 is a unit mistake (seconds or nanoseconds), not a time.
  if (micros < 1_000_000_000_000_000n || micros > 9_999_999_999_999_999n) {
    const message = `Expected Unix time in microseconds (16 digits), got ${micros}.`;
    throw validation(message, { at: [message] });
  }
}

export function createDatabaseStatement(database: string): SqlStatement {
  assertUserDatabase(database);
  return { sql: `CREATE DATABASE ${ident(database)}` };
}

export function dropDatabaseStatements(database: string, schema = CATALOG_SCHEMA): SqlStatement[] {
  assertUserDatabase(database);
  return [
    { sql: `DROP DATABASE ${ident(database)}` },
    {
      sql: `DELETE FROM ${ident(schema)}.snapshots WHERE database = ${text(database)}`,
      comment: 'The points in time recorded for it go with it.',
    },
  ];
}

/** `micros` undefined: as of now; a bigint: that time; a string: a psql variable holding it. */
export function cloneStatement(target: string, source: string, micros?: bigint | string): SqlStatement {
  assertUserDatabase(source, 'source');
  assertUserDatabase(target, 'target');
  const head = `CREATE DATABASE ${ident(target)} TEMPLATE ${ident(source)}`;
  if (micros === undefined) return { sql: head };
  if (typeof micros === 'string') return { sql: `${head} AS OF :${micros}` };
  assertUnixMicros(micros);
  return { sql: `${head} AS OF ${micros}` };
}

export function cloneStatusStatement(target: string): SqlStatement {
  assertName('database', target);
  return {
    sql: `SELECT state, failure_reason FROM yb_database_clones() WHERE db_name = ${text(target)}`,
    comment: 'The clone finishes in the background: repeat until the state is COMPLETE (or ABORTED).',
  };
}

export function recordSnapshotStatement(snapshot: string, database: string, schema = CATALOG_SCHEMA): SqlStatement {
  assertName('snapshot', snapshot);
  assertUserDatabase(database);
  return {
    sql: `INSERT INTO ${ident(schema)}.snapshots (name, database, unix_micros) VALUES (${text(snapshot)}, ${text(database)}, ${SERVER_NOW_MICROS})`,
    comment:
      'YugabyteDB has no named snapshots: Clonedeck records the point in time, usable while the database’s snapshot schedule retains it.',
  };
}

export function dropSnapshotStatement(snapshot: string, schema = CATALOG_SCHEMA): SqlStatement {
  assertName('snapshot', snapshot);
  return { sql: `DELETE FROM ${ident(schema)}.snapshots WHERE name = ${text(snapshot)}` };
}

/** The psql variable the snapshot lookup leaves its time in (with \gset). */
export const SNAPSHOT_MICROS_VARIABLE = 'unix_micros';

export function snapshotLookupStatement(snapshot: string, database: string, schema = CATALOG_SCHEMA): SqlStatement {
  assertName('snapshot', snapshot);
  assertName('database', database);
  return {
    sql: `SELECT unix_micros FROM ${ident(schema)}.snapshots WHERE name = ${text(snapshot)} AND database = ${text(database)}`,
    comment: `The point in time snapshot ${snapshot} names (in ysqlsh, end this line with \\gset).`,
  };
}

export function terminateSessionsStatement(database: string): SqlStatement {
  assertName('database', database);
  return {
    sql: `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ${text(database)} AND pid <> pg_backend_pid()`,
    comment: 'A database cannot be renamed while sessions use it.',
  };
}

export function renameDatabaseStatement(from: string, to: string): SqlStatement {
  assertName('database', from);
  assertName('database', to);
  return { sql: `ALTER DATABASE ${ident(from)} RENAME TO ${ident(to)}` };
}

export function moveSnapshotsStatement(from: string, to: string, schema = CATALOG_SCHEMA): SqlStatement {
  assertName('database', from);
  assertName('database', to);
  return {
    sql: `UPDATE ${ident(schema)}.snapshots SET database = ${text(to)} WHERE database = ${text(from)}`,
    comment: 'Earlier points in time belong to the history of the database kept aside.',
  };
}

/** Tables and views of a database, as restore verification compares them. */
export const TABLE_LIST_SQL =
  `SELECT table_schema, table_name FROM information_schema.tables ` +
  `WHERE table_schema NOT IN ('pg_catalog', 'information_schema', ${text(CATALOG_SCHEMA)}) ORDER BY 1, 2`;

/** YugabyteDB points in time cover one database: the only snapshot level it has. */
export function snapshotDatabaseOf(target: SnapshotTarget): string {
  if (target.level !== 'database') {
    return notOnYugabyte(`take a ${target.level} snapshot`, 'snapshots name a point in time of one database (--database).');
  }
  return target.database;
}

export function notOnYugabyte(what: string, instead: string): never {
  throw unsupported(`YugabyteDB cannot ${what}; ${instead}`);
}
