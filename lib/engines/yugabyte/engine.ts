import { conflict, notFound } from '@/lib/errors';
import { assertName } from '@/lib/engines/names';
import type {
  CloneDatabaseRequest,
  CreateDatabaseOptions,
  DatabaseInfo,
  DropSnapshotResult,
  Engine,
  EngineHealth,
  SnapshotInfo,
  SnapshotTarget,
} from '@/lib/engines/types';
import { yugabyteCapabilities } from './capabilities';
import type { CloneStatusRow } from './clones';
import { cloneAndWait, earliestPointOrThrow, resolvePoint, type YugabyteContext } from './context';
import { yugabyteDialect } from './dialect';
import { restoreBySwap, listTables } from './restore';
import { microsToDate } from './retention';
import type { SnapshotRecord } from './snapshot-store';
import {
  YUGABYTE_SYSTEM_DATABASES,
  cloneStatement,
  createDatabaseStatement,
  dropDatabaseStatements,
  recordSnapshotStatement,
  snapshotDatabaseOf,
} from './statements';
import { connectionInfoFor, measureUsage, runUserQuery } from './usage';
import { findDatabase } from '../database-lookup';

/**
 * The YugabyteDB engine over an open pool and a detected version. Building it does not
 * connect, so `openYugabyteEngine` checks the server first and tests can build it without one.
 */
export function createYugabyteEngine(context: YugabyteContext): Engine {
  const listDatabases = () => listDatabasesOf(context);
  return {
    kind: 'yugabyte',
    label: yugabyteCapabilities.label,
    dialect: yugabyteDialect(context.version.release, { now: context.now }),
    abilities: { restore: { mode: 'clone-and-swap', restoreDatabase: (database, snapshot) => restoreBySwap(context, database, snapshot) } },
    snapshotLevels: yugabyteCapabilities.snapshotLevels,
    deltaAccounting: false,
    asyncClone: true,
    health: () => checkHealth(context),
    listDatabases,
    getDatabase: (name) => findDatabase(listDatabases, name),
    createDatabase: (name, options) => createDatabase(context, name, options),
    cloneDatabase: (request) => cloneDatabase(context, request),
    dropDatabase: (name) => dropDatabase(context, name),
    listSnapshots: async () => (await context.store.list()).map((record) => snapshotInfo(context, record)),
    createSnapshot: (name, target) => createSnapshot(context, name, target),
    dropSnapshot: (name) => dropSnapshot(context, name),
    usage: async () =>
      measureUsage(
        context,
        (await listDatabases()).map((database) => database.name),
      ),
    async connectionInfo(database) {
      assertName('database', database);
      return connectionInfoFor(context.target, database);
    },
    async query(database, sql, options) {
      assertName('database', database);
      return runUserQuery(context, database, sql, options);
    },
    close: () => closeAll(context),
  };
}

/** A point in time is only a record: dropping it frees nothing on the cluster. */
async function dropSnapshot(context: YugabyteContext, name: string): Promise<DropSnapshotResult> {
  assertName('snapshot', name);
  await context.store.remove(name);
  return { freedBytes: null, pinnedBy: [] };
}

async function closeAll(context: YugabyteContext): Promise<void> {
  await context.databases.closeAll();
  await context.admin.close();
}

async function checkHealth(context: YugabyteContext): Promise<EngineHealth> {
  const started = performance.now();
  try {
    await context.admin.scalar('check health', 'SELECT 1');
    return { ok: true, version: context.version.label, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, version: context.version.label, message: error instanceof Error ? error.message : 'YugabyteDB did not answer.' };
  }
}

async function listDatabasesOf(context: YugabyteContext): Promise<DatabaseInfo[]> {
  const names = await context.admin.rows<{ datname: string }>(
    'list databases',
    'SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY datname',
  );
  const clones = await context.admin.rows<CloneStatusRow>(
    'list clones',
    'SELECT db_name, parent_db_name, state, failure_reason FROM yb_database_clones()',
  );
  return names
    .map((row) => row.datname)
    .filter((name) => !YUGABYTE_SYSTEM_DATABASES.includes(name))
    .map((name) => {
      const mine = clones.filter((clone) => clone.db_name === name);
      const cloning = mine.some((clone) => clone.state !== 'COMPLETE' && clone.state !== 'ABORTED');
      const parent = mine.find((clone) => clone.state === 'COMPLETE')?.parent_db_name;
      return { name, state: cloning ? 'cloning' : 'ready', origin: parent ? { database: parent } : undefined };
    });
}

async function createDatabase(context: YugabyteContext, name: string, options?: CreateDatabaseOptions): Promise<DatabaseInfo> {
  await context.admin.execute(`create database ${name}`, createDatabaseStatement(name).sql);
  if (options?.initialSql) await context.databases.get(name).execute(`load initial SQL into ${name}`, options.initialSql);
  return { name, state: 'ready' };
}

async function cloneDatabase(context: YugabyteContext, request: CloneDatabaseRequest): Promise<DatabaseInfo> {
  cloneStatement(request.target, request.source);
  const micros = await resolvePoint(context, request.source, request.from);
  await cloneAndWait(context, request.target, request.source, micros);
  const snapshot = request.from.kind === 'snapshot' ? request.from.snapshot : undefined;
  return { name: request.target, origin: { database: request.source, snapshot }, state: 'ready' };
}

async function dropDatabase(context: YugabyteContext, name: string): Promise<{ freedBytes: null }> {
  const [drop] = dropDatabaseStatements(name, context.store.schema);
  if (name === context.target.database) throw conflict(`"${name}" holds Clonedeck's snapshot records and cannot be dropped from here.`);
  await context.databases.forget(name);
  await context.admin.execute(`drop database ${name}`, drop!.sql);
  await context.store.removeForDatabase(name);
  return { freedBytes: null };
}

function snapshotInfo(context: YugabyteContext, record: SnapshotRecord): SnapshotInfo {
  const retention = context.retention.forDatabase(record.database);
  return {
    name: record.name,
    level: 'database',
    createdAt: microsToDate(record.unixMicros),
    database: record.database,
    usableUntil: retention === null ? microsToDate(record.unixMicros) : microsToDate(record.unixMicros + retention),
  };
}

async function createSnapshot(context: YugabyteContext, name: string, target: SnapshotTarget): Promise<SnapshotInfo> {
  const database = snapshotDatabaseOf(target);
  recordSnapshotStatement(name, database);
  const exists = await context.admin.rows('look up a database', 'SELECT 1 FROM pg_database WHERE datname = $1', { params: [database] });
  if (exists.length === 0) throw notFound(`There is no database "${database}".`);
  // Refuses databases without a snapshot schedule: their point in time could never be cloned.
  await earliestPointOrThrow(context, database);
  const tables = await listTables(context, database);
  return snapshotInfo(context, await context.store.record(name, database, tables));
}
