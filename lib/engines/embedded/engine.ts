import { notFound, unsupported } from '@/lib/errors';
import { assertName } from '../names';
import type {
  CloneDatabaseRequest,
  ConnectionInfo,
  CreateDatabaseOptions,
  DatabaseInfo,
  DropDatabaseResult,
  DropSnapshotResult,
  Engine,
  EngineAbilities,
  EngineHealth,
  QueryOptions,
  QueryResult,
  SnapshotInfo,
  SnapshotTarget,
  StorageUsage,
} from '../types';
import { assertNotSystemDatabaseName } from '../reserved-names';
import {
  addClone,
  addDatabase,
  addSnapshot,
  finishLoading,
  freezeHere,
  frozenByWorker,
  pointAtSnapshot,
  removeDatabase,
  removeSnapshot,
  type TopFreezer,
} from './catalog-changes';
import { databaseInfo, snapshotInfos, snapshotOfDatabase } from './catalog-views';
import { EmbeddedAccess } from './access';
import { embeddedDialect } from './dialect';
import { canFreezeWithoutPostgres } from './freeze-preparation';
import type { InstancePool } from './instances';
import { underNewName } from '../front-door/shared-door';
import { asSqlError } from './query';
import { ChainView } from './store/chain-view';
import type { LayerStore } from './store/layer-store';
import { ensureTemplate } from './template';
import { databasesOnSnapshot, measureUsage } from './usage';
import { StoreMaintenance } from './maintenance';
import type { WireServer } from './wire-server';

export interface EmbeddedTuning {
  /** Chains deeper than this are compacted where that copies no shared data. */
  maxChainDepth: number;
  /** Console statements stop after this long: their database's worker is terminated (PGlite cannot cancel). */
  consoleTimeoutMs: number;
}

/**
 * Thin clones of Postgres on one machine: PGlite instances over copy-on-write layer chains.
 * Store changes run one at a time (a queue); queries and wire clients run alongside them.
 */
export class EmbeddedEngine implements Engine {
  readonly kind = 'embedded' as const;
  readonly label = 'Embedded (PGlite on copy-on-write layers)';
  readonly dialect = embeddedDialect;
  readonly snapshotLevels = ['database'] as const;
  readonly deltaAccounting = true;
  readonly asyncClone = false;
  readonly abilities: EngineAbilities;
  readonly consoleTimeoutMs: number;
  private queue: Promise<unknown> = Promise.resolve();
  /** Passwords, the front door's routing, connected sessions. */
  readonly access: EmbeddedAccess;
  private readonly maintenance: StoreMaintenance;

  constructor(
    readonly store: LayerStore,
    private readonly pool: InstancePool,
    private readonly wire: WireServer,
    private readonly tuning: EmbeddedTuning,
  ) {
    this.access = new EmbeddedAccess(store, wire);
    this.consoleTimeoutMs = tuning.consoleTimeoutMs;
    this.abilities = {
      restore: { mode: 'in-place', restoreDatabase: (database, snapshot) => this.restoreDatabase(database, snapshot) },
      credentials: this.access.credentials,
      sessions: this.access.sessions,
    };
    pool.beforeStop = async (database) => wire.disconnect(database);
    this.maintenance = new StoreMaintenance(
      store,
      (database) => pool.isActive(database),
      (pass) => this.exclusive(async () => pass(), false),
    );
    pool.afterStop = () => this.maintenance.postpone();
    // A worker that crashed or was terminated (a killed start, a statement that would not end) too.
    pool.onWorkerGone = () => this.maintenance.postpone();
  }

  async health(): Promise<EngineHealth> {
    const catalog = this.store.snapshotOfCatalog;
    const databases = Object.keys(catalog.databases).length;
    return {
      ok: true,
      version: 'PGlite 0.5.14 (PostgreSQL 18)',
      latencyMs: 0,
      message: `store ${this.store.dir}: ${databases} databases, ${this.pool.runningDatabases().length} running`,
    };
  }

  async listDatabases(): Promise<DatabaseInfo[]> {
    return Object.keys(this.store.snapshotOfCatalog.databases)
      .sort()
      .map((name) => this.describeDatabase(name));
  }

  async getDatabase(name: string): Promise<DatabaseInfo | null> {
    return this.store.snapshotOfCatalog.databases[name] ? this.describeDatabase(name) : null;
  }

  async createDatabase(name: string, options: CreateDatabaseOptions = {}): Promise<DatabaseInfo> {
    assertName('database', name);
    await this.exclusive(() =>
      underNewName(this.access.reserveName, name, async () => {
        await ensureTemplate(this.store);
        addDatabase(this.store, name, { loading: Boolean(options.initialSql) });
      }),
    );
    if (options.initialSql) {
      try {
        // Freezing after the load sets every row's hint bits now: otherwise the first reader of
        // each clone would set them, rewriting (and so copying) every page it reads.
        await this.pool.use(name, async (worker) => {
          await worker.request({ kind: 'exec', sql: options.initialSql!, role: 'read-write' });
          await worker.request({ kind: 'exec', sql: 'VACUUM (FREEZE, ANALYZE)', role: 'superuser' });
          await worker.request({ kind: 'checkpoint' });
        });
        // A bulk load leaves deleted WAL segments and sort spills behind in the layer. Stopped
        // vacuumed (a quick pass: the tables are all frozen), its first clone need not start it.
        await this.pool.stop(name, { vacuum: true });
        finishLoading(this.store, name);
        await this.reclaimSpace();
      } catch (error) {
        await this.dropDatabase(name);
        throw asSqlError(error);
      }
    }
    return this.describeDatabase(name);
  }

  async cloneDatabase(request: CloneDatabaseRequest): Promise<DatabaseInfo> {
    assertName('database', request.source, 'source');
    assertName('database', request.target, 'target');
    const { from } = request;
    if (from.kind === 'time') throw unsupported('The embedded engine cannot clone as of a point in time: clone from a snapshot.');
    await this.exclusive(async () => {
      // A snapshot outlives its database: cloning from it needs only the snapshot.
      await underNewName(this.access.reserveName, request.target, async () => {
        if (from.kind === 'snapshot') addClone(this.store, request, snapshotOfDatabase(this.store, from.snapshot, request.source));
        else {
          this.store.database(request.source);
          assertNotSystemDatabaseName(request.target, 'target');
          this.store.assertNameFree(this.store.snapshotOfCatalog, 'database', request.target);
          await this.withFrozenTop(request.source, (freeze) => addClone(this.store, request, freeze));
        }
      });
      this.maintenance.compact(this.tuning.maxChainDepth);
    });
    return this.describeDatabase(request.target);
  }

  async dropDatabase(name: string): Promise<DropDatabaseResult> {
    assertName('database', name);
    return this.exclusive(async () => {
      this.store.database(name);
      this.wire.close(name);
      // Without a shutdown checkpoint: it would grow the top just before deleting it, so the drop
      // would free more than the store held, and more than the frees-if-dropped figure shown before.
      await this.pool.stop(name, { discard: true });
      return { freedBytes: removeDatabase(this.store, name) };
    });
  }

  async listSnapshots(): Promise<SnapshotInfo[]> {
    return snapshotInfos(this.store);
  }

  async createSnapshot(name: string, target: SnapshotTarget): Promise<SnapshotInfo> {
    if (target.level !== 'database') throw unsupported(`The embedded engine snapshots whole databases, not the ${target.level}.`);
    assertName('snapshot', name);
    assertName('database', target.database);
    await this.exclusive(async () => {
      this.store.database(target.database);
      this.store.assertNameFree(this.store.snapshotOfCatalog, 'snapshot', name);
      await this.withFrozenTop(target.database, (freeze) => addSnapshot(this.store, name, target.database, freeze));
      this.maintenance.compact(this.tuning.maxChainDepth);
    });
    return (await this.listSnapshots()).find((snapshot) => snapshot.name === name)!;
  }

  async dropSnapshot(name: string): Promise<DropSnapshotResult> {
    assertName('snapshot', name);
    return this.exclusive(async () => {
      if (!this.store.snapshotOfCatalog.snapshots[name]) throw notFound(`Snapshot "${name}" does not exist.`);
      const pinnedBy = databasesOnSnapshot(this.store, name);
      return { freedBytes: removeSnapshot(this.store, name), pinnedBy };
    });
  }

  /** Restore in place: the database gets a new empty top over the snapshot's layers. */
  async restoreDatabase(database: string, snapshot: string): Promise<void> {
    assertName('database', database);
    assertName('snapshot', snapshot);
    await this.exclusive(async () => {
      this.store.database(database);
      const record = snapshotOfDatabase(this.store, snapshot, database);
      await this.pool.stop(database);
      pointAtSnapshot(this.store, database, record);
      this.maintenance.compact(this.tuning.maxChainDepth);
    });
  }

  /**
   * What the engine does by itself once quiet (maintenance.ts), run now: merges layers
   * drops left held by the same chains and rewrites layers that are mostly garbage (deleted
   * files' pages, pages a merge superseded). Returns the bytes freed.
   */
  async reclaimSpace(): Promise<number> {
    return this.maintenance.runNow();
  }

  /**
   * Settles once every running database reads the store's current layer chain: until then the
   * layers a compaction merged stay on disk for its worker, outside every figure of `usage()`,
   * and go when it has followed (tests measuring the disk wait for this first).
   */
  async chainsFollowed(): Promise<void> {
    await this.pool.chainsFollowed();
  }

  async usage(): Promise<StorageUsage> {
    return measureUsage(this.store);
  }

  async connectionInfo(database: string): Promise<ConnectionInfo> {
    assertName('database', database);
    return this.access.connectionInfo(database);
  }

  async query(database: string, sql: string, options?: QueryOptions): Promise<QueryResult> {
    assertName('database', database);
    this.store.database(database);
    const request = { kind: 'console' as const, sql, options: options ?? {} };
    this.maintenance.postpone();
    return this.pool
      .useWithin(database, this.consoleTimeoutMs, (worker) => worker.requestInTurn<QueryResult>(request))
      .finally(() => this.maintenance.postpone());
  }

  /** Writes the running database's changes into its layer now (tests and benchmarks measure after it). */
  async checkpoint(database: string): Promise<void> {
    assertName('database', database);
    this.store.database(database);
    await this.pool.use(database, (worker) => worker.request({ kind: 'checkpoint' }));
  }

  /**
   * Ends a database's worker at once, wherever its statement is (one that will not finish):
   * its clients are disconnected, nothing committed is lost, and it starts again on next use.
   */
  async terminateDatabase(database: string): Promise<void> {
    assertName('database', database);
    this.store.database(database);
    await this.pool.terminate(database);
  }

  private readonly closers: Array<() => Promise<void>> = [];

  /** Work for close, before the databases stop (the front door lets go of their clients first). */
  onClose(closer: () => Promise<void>): void {
    this.closers.push(closer);
  }

  async close(): Promise<void> {
    this.maintenance.stop();
    await this.exclusive(async () => {
      for (const closer of this.closers) await closer();
      this.wire.closeAll();
      await this.pool.stopAll();
      this.store.close();
    });
  }

  private describeDatabase(name: string): DatabaseInfo {
    return databaseInfo(this.store, name, this.pool.isRunning(name));
  }

  /**
   * Runs a catalog change that freezes the database's top: in its worker (after vacuuming the
   * tables changed in the top, and a checkpoint) when it runs or its top needs Postgres first
   * (changed tables, or WAL to replay), here when it is stopped and clean. Callers check names first: a change that
   * fails after a worker froze its top costs the database a restart.
   */
  private async withFrozenTop(database: string, change: (freeze: TopFreezer) => void): Promise<void> {
    if (!this.pool.isActive(database) && this.canFreezeWithoutPostgres(database)) return change(freezeHere(this.store, database));
    await this.pool.freezeRunningTop(database, (frozen) => change(frozenByWorker(this.store, database, frozen)));
  }

  private canFreezeWithoutPostgres(database: string): boolean {
    return canFreezeWithoutPostgres(new ChainView(this.store.layersOf(this.store.database(database).chain)));
  }

  /** Runs `work` after every store change queued before it; the engine's own maintenance does not postpone itself. */
  private exclusive<T>(work: () => Promise<T>, postpone = true): Promise<T> {
    if (postpone) this.maintenance.postpone();
    const settle = () => (postpone ? this.maintenance.postpone() : undefined);
    const run = this.queue.then(work, work).finally(settle);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
