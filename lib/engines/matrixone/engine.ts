import { conflict, engineUnavailable, notFound } from '@/lib/errors';
import { assertName } from '@/lib/engines/names';
import type {
  CloneDatabaseRequest,
  CreateDatabaseOptions,
  DatabaseInfo,
  DropDatabaseResult,
  DropSnapshotResult,
  Engine,
  EngineHealth,
  QueryOptions,
  QueryResult,
  SnapshotInfo,
  SnapshotTarget,
} from '@/lib/engines/types';
import { matrixOneAbilities } from './abilities';
import { matrixOneCapabilities } from './capabilities';
import { databaseExists, tableNamesOf } from './catalog';
import { assertSnapshotCoversDatabase, assertTableListed, findSnapshotOrThrow } from './checks';
import { listSnapshotsOf, runChecked, runStatement, serverLabelOf, type MatrixOneContext } from './context';
import { matrixOneDialect } from './dialect';
import { runUserQuery } from './query';
import { optionalText } from './rows';
import { isSystemDatabase } from './rules';
import {
  cloneDatabaseStatement,
  createDatabaseStatement,
  createSnapshotStatement,
  dropDatabaseStatement,
  dropSnapshotStatement,
} from './statements';
import { connectionInfoFor, measureUsage } from './usage';
import { findDatabase } from '../database-lookup';

/**
 * The MatrixOne engine over an open pool and a detected version. Building it does not
 * connect (the pool connects on first use), so `openMatrixOneEngine` checks the server
 * first and this factory stays usable in tests without one.
 */
export function createMatrixOneEngine(context: MatrixOneContext): Engine {
  const listDatabases = async (): Promise<DatabaseInfo[]> => {
    const rows = await context.runner.rows('list databases', 'SHOW DATABASES');
    return rows
      .map((row) => optionalText(row, 'Database'))
      .filter((name): name is string => name !== undefined && !isSystemDatabase(name))
      .map((name) => ({ name, state: 'ready' }));
  };
  const listSnapshots = () => listSnapshotsOf(context);

  return {
    kind: 'matrixone',
    label: matrixOneCapabilities.label,
    dialect: matrixOneDialect(context.version),
    abilities: matrixOneAbilities(context),
    snapshotLevels: matrixOneCapabilities.snapshotLevels,
    deltaAccounting: false,
    asyncClone: false,
    health: () => checkHealth(context),
    listDatabases,
    getDatabase: (name) => findDatabase(listDatabases, name),
    createDatabase: (name, options) => createDatabase(context, name, options),
    cloneDatabase: (request) => cloneDatabase(context, request),
    dropDatabase: (name) => dropDatabase(context, name),
    listSnapshots,
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
    query: (database: string, sql: string, options?: QueryOptions): Promise<QueryResult> => runUserQuery(context, database, sql, options),
    close: () => context.runner.close(),
  };
}

async function dropDatabase(context: MatrixOneContext, name: string): Promise<DropDatabaseResult> {
  await runStatement(context, `drop database ${name}`, dropDatabaseStatement(name));
  return { freedBytes: null };
}

/** MatrixOne frees a snapshot's data itself, without saying how much, and clones never pin it. */
async function dropSnapshot(context: MatrixOneContext, name: string): Promise<DropSnapshotResult> {
  await runChecked(context, `drop snapshot ${name}`, dropSnapshotStatement(name), async () => {
    findSnapshotOrThrow(await listSnapshotsOf(context), name);
  });
  return { freedBytes: null, pinnedBy: [] };
}

async function checkHealth(context: MatrixOneContext): Promise<EngineHealth> {
  const started = performance.now();
  try {
    await context.runner.scalar('check health', 'SELECT 1');
    const latencyMs = Math.round(performance.now() - started);
    return { ok: true, version: `MatrixOne ${context.version.label}`, latencyMs };
  } catch (error) {
    const message = error instanceof Error ? error.message : 'MatrixOne did not answer.';
    return { ok: false, version: `MatrixOne ${context.version.label}`, message };
  }
}

async function createDatabase(context: MatrixOneContext, name: string, options?: CreateDatabaseOptions): Promise<DatabaseInfo> {
  await runStatement(context, `create database ${name}`, createDatabaseStatement(name));
  if (options?.initialSql) await context.runner.runScript(`load initial SQL into ${name}`, name, options.initialSql);
  return { name, state: 'ready' };
}

async function cloneDatabase(context: MatrixOneContext, request: CloneDatabaseRequest): Promise<DatabaseInfo> {
  const statement = cloneDatabaseStatement(request);
  const snapshot = request.from.kind === 'snapshot' ? request.from.snapshot : undefined;
  await runChecked(context, `clone database ${request.source} into ${request.target}`, statement, async () => {
    if (snapshot === undefined) return;
    assertSnapshotCoversDatabase(findSnapshotOrThrow(await listSnapshotsOf(context), snapshot), request.source, 'clone');
  });
  return { name: request.target, origin: { database: request.source, snapshot }, state: 'ready' };
}

async function createSnapshot(context: MatrixOneContext, name: string, target: SnapshotTarget): Promise<SnapshotInfo> {
  const statement = createSnapshotStatement(name, target);
  const taken = () => listSnapshotsOf(context).then((all) => all.find((snapshot) => snapshot.name === name));
  await runChecked(context, `create snapshot ${name}`, statement, async () => {
    if (await taken()) throw conflict(`A snapshot named "${name}" exists already.`, 'snapshot');
    await assertSnapshotTargetExists(context, target);
  });
  const created = await taken();
  if (!created)
    throw engineUnavailable(`${serverLabelOf(context.target, context.version)} did not list snapshot "${name}" after creating it.`);
  return created;
}

/** MatrixOne refuses a snapshot of a missing database or table with 20101 only. */
async function assertSnapshotTargetExists(context: MatrixOneContext, target: SnapshotTarget): Promise<void> {
  if (target.level === 'database' && !(await databaseExists(context, target.database))) {
    throw notFound(`There is no database "${target.database}".`);
  }
  if (target.level === 'table') assertTableListed(await tableNamesOf(context, target.database), target.database, target.table);
}
