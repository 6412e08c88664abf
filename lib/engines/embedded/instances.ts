import { AppError } from '@/lib/errors';
import type { FrozenExtent } from './store/layer-file';
import type { LayerStore } from './store/layer-store';
import type { LayerSpec } from './worker/messages';
import { BackendBusy, WorkerHandle } from './worker/worker-handle';

export interface InstanceOptions {
  /** Stop an instance after this long without queries or connections. */
  idleMs: number;
  /** At most this many instances run at once; the least recently used idle one makes room. */
  maxRunning: number;
  /** How long a caller waits for a free slot before giving up. */
  slotWaitMs: number;
  /** How long a console statement waits for the backend while wire clients hold it. */
  turnWaitMs: number;
}

/**
 * Lean settings: ~44 MB per instance instead of ~160 MB; holes instead of zero-filled WAL; no
 * full-page images in WAL, which doubled every delta (the first change to a page after each
 * checkpoint, and every freeze starts with one, logged the whole page). They guard against
 * torn pages after an OS crash or power loss, which the store does not promise to survive
 * (PGlite runs with fsync off): README, "Deltas hold what the change touched".
 */
export const LEAN_SETTINGS = [
  'shared_buffers=16MB',
  'wal_buffers=1MB',
  'temp_buffers=1MB',
  'work_mem=4MB',
  'maintenance_work_mem=32MB',
  'wal_init_zero=off',
  'min_wal_size=32MB',
  'max_wal_size=64MB',
  'full_page_writes=off',
];

/** A clean shutdown gets this long before the worker is terminated (a statement that will not end). */
const CLOSE_GRACE_MS = 5_000;

interface Instance {
  worker: WorkerHandle;
  /** The layer the worker writes: lent to it by the store until the worker is gone. */
  topId: number;
  lastUsed: number;
  inFlight: number;
  /** Wire clients and other long holders (each adds one). */
  holders: number;
  /** The chain the worker last said it reads (bottom → top). */
  reading: number[];
  /** Layers the store keeps for the worker: those it reads and those it is being told to open (`followChain`). */
  held: Set<number>;
  /** The new top of a freeze the worker has been asked for: it may read it before it answers. */
  freezingTo: number | null;
  /** While a chain request is out: settles once the worker reads the store's chain (`behind`: it changed again since). */
  following: Promise<void> | null;
  behind: boolean;
}

/**
 * Runs each database's PGlite in its own worker thread over the store's layer chains:
 * started on first use, stopped when idle, bounded in number. Callers go through `use`,
 * which counts them in so an instance is never stopped under a running request.
 */
export class InstancePool {
  private readonly running = new Map<string, Instance>();
  private readonly starting = new Map<string, Promise<Instance>>();
  private readonly stopping = new Map<string, Promise<void>>();
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;
  /** Instances being created right now: they count against `maxRunning` before they run. */
  private reservedSlots = 0;
  /** Awaited before an instance stops, so the wire server can let go of it first. */
  beforeStop: (database: string) => Promise<void> = async () => {};
  /** Told after an instance stopped (its layers may now be tidied). */
  afterStop: (database: string) => void = () => {};
  /** Told when a worker is gone however it ended (stopped, terminated, crashed): its clients with it. */
  onWorkerGone: (database: string) => void = () => {};

  constructor(
    private readonly store: LayerStore,
    private readonly options: InstanceOptions,
  ) {
    this.sweeper = setInterval(() => void this.stopIdle(), Math.min(5_000, Math.max(250, options.idleMs / 2)));
    this.sweeper.unref();
    store.onChainChange = (database, _layers, change) => {
      // New tops come through `freezeRunningTop`, by the worker itself.
      if (change === 'compacted') this.followChain(database);
    };
  }

  /** True while an instance is starting, running or stopping: its layers are in use. */
  isActive(database: string): boolean {
    return this.starting.has(database) || this.running.has(database) || this.stopping.has(database);
  }

  isRunning(database: string): boolean {
    return this.running.has(database);
  }

  runningDatabases(): string[] {
    return [...this.running.keys()];
  }

  /** Runs `work` against the database's worker, starting it if needed. */
  async use<T>(database: string, work: (worker: WorkerHandle) => Promise<T>): Promise<T> {
    const instance = await this.acquire(database);
    instance.inFlight++;
    try {
      return await work(instance.worker);
    } finally {
      instance.inFlight--;
      instance.lastUsed = Date.now();
    }
  }

  /**
   * Runs one request with a time limit, counted from when the backend is its (a wire client's
   * transaction is not cut short by a console statement waiting behind it). A worker that has
   * not answered by then is terminated (PGlite cannot interrupt a running statement): the
   * database restarts on its next use.
   */
  async useWithin<T>(database: string, limitMs: number, work: (worker: WorkerHandle) => Promise<T>): Promise<T> {
    return this.use(database, async (worker) => {
      const release = await worker.turns.take(this.options.turnWaitMs).catch((error: unknown) => {
        if (!(error instanceof BackendBusy)) throw error;
        throw new AppError(
          'CONFLICT',
          `A connected client has held ${database} for over ${this.options.turnWaitMs / 1000} s (an open transaction or a long statement); try again when it is done.`,
        );
      });
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          void this.terminate(database);
          reject(new AppError('TIMEOUT', `The statement ran longer than ${limitMs / 1000} s and was stopped (the database restarted).`));
        }, limitMs);
      });
      try {
        return await Promise.race([work(worker), expired]);
      } finally {
        clearTimeout(timer);
        release();
      }
    });
  }

  /** Keeps the instance running until the returned release is called (wire connections). */
  async hold(database: string): Promise<{ worker: WorkerHandle; release: () => void }> {
    const instance = await this.acquire(database);
    instance.holders++;
    let released = false;
    return {
      worker: instance.worker,
      release: () => {
        if (released) return;
        released = true;
        instance.holders--;
        instance.lastUsed = Date.now();
      },
    };
  }

  /**
   * Freezes a running database's top in its worker (after a checkpoint) over a new top, then
   * `record` commits the catalog change (`null`: the top held nothing, so nothing froze). If
   * the commit fails the worker is terminated, so nothing it wrote on the uncommitted new top
   * is ever acknowledged.
   */
  async freezeRunningTop(database: string, record: (frozen: { extent: FrozenExtent; newTop: number } | null) => void): Promise<void> {
    await this.use(database, async (worker) => {
      const instance = this.running.get(database)!;
      const newTop = this.store.createLooseLayer();
      this.store.lendLayer(newTop.id);
      this.holdLayers(instance, [newTop.id]);
      instance.freezingTo = newTop.id;
      let extent: FrozenExtent | null;
      try {
        extent = await worker.request<FrozenExtent | null>({ kind: 'freeze', newTop: { id: newTop.id, path: newTop.path } });
      } catch (error) {
        await this.terminate(database);
        this.store.discardLooseLayer(newTop.id);
        throw error;
      } finally {
        instance.freezingTo = null;
      }
      if (!extent) {
        this.letGoOf(instance, [newTop.id]);
        this.store.discardLooseLayer(newTop.id);
      } else if (!instance.reading.includes(newTop.id)) {
        // The worker reads it now (unless a chain answer said so already).
        instance.reading = [...instance.reading, newTop.id];
      }
      try {
        record(extent ? { extent, newTop: newTop.id } : null);
      } catch (error) {
        await this.terminate(database);
        this.store.takeBackLayer(newTop.id);
        throw error;
      }
      if (!extent) return;
      this.store.takeBackLayer(instance.topId);
      instance.topId = newTop.id;
    });
  }

  /**
   * Stops the database's instance (a clean Postgres shutdown); waits briefly for running requests.
   * `vacuum`: the tables changed in its top are vacuumed first, so a snapshot or clone of it
   * later freezes the top without starting it (see freeze-preparation.ts). `discard`: the
   * database is about to be deleted, so its worker is ended without the shutdown checkpoint,
   * which would only write its dirty pages into a top that goes next.
   */
  async stop(database: string, options: { vacuum?: boolean; discard?: boolean } = {}): Promise<void> {
    await this.starting.get(database)?.catch(() => undefined);
    const pending = this.stopping.get(database);
    if (pending) return pending;
    const instance = this.running.get(database);
    if (!instance) return;
    const stopped = (async () => {
      try {
        await this.beforeStop(database);
        if (!options.discard) {
          const grace = new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref());
          await Promise.race([instance.worker.request({ kind: 'close', vacuum: options.vacuum }).catch(() => undefined), grace]);
        }
      } finally {
        await instance.worker.terminate();
        this.stopping.delete(database);
      }
      this.afterStop(database);
    })();
    this.stopping.set(database, stopped);
    return stopped;
  }

  /** Ends a wedged worker at once; its clients are disconnected and the store stays sound. */
  async terminate(database: string): Promise<void> {
    const instance = this.running.get(database);
    if (!instance || this.stopping.has(database)) return this.stopping.get(database);
    // Counted as stopping until the thread is gone: the next caller waits, then starts a new one.
    const ended = instance.worker.terminate().finally(() => this.stopping.delete(database));
    this.stopping.set(database, ended);
    return ended;
  }

  async stopAll(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    await Promise.all([...this.starting.keys(), ...this.running.keys()].map((database) => this.stop(database)));
  }

  private async acquire(database: string): Promise<Instance> {
    // After stopAll nothing starts again (a client's late clean-up must not start a worker on a closed store).
    if (this.closed) throw new AppError('ENGINE_UNAVAILABLE', 'The engine is shutting down.');
    await this.stopping.get(database);
    const running = this.running.get(database);
    if (running) {
      running.lastUsed = Date.now();
      return running;
    }
    let starting = this.starting.get(database);
    if (!starting) {
      starting = this.start(database).finally(() => this.starting.delete(database));
      this.starting.set(database, starting);
    }
    return starting;
  }

  private async start(database: string): Promise<Instance> {
    await this.reserveSlot();
    try {
      return await this.startWorker(database);
    } finally {
      this.reservedSlots--;
    }
  }

  /**
   * The chain is read, its layers held and the top lent with no await in between, so no
   * store change slips in: a compaction while the worker opens its files leaves them in
   * place, and once it runs it follows the chain as it is then. A failed start (a transient
   * one under load) is tried once more.
   */
  private async startWorker(database: string, attempt = 1): Promise<Instance> {
    const chain = [...this.store.database(database).chain];
    const topId = chain[chain.length - 1]!;
    this.store.lendLayer(topId);
    this.store.holdLayers(chain);
    let worker: WorkerHandle;
    try {
      worker = await WorkerHandle.start(chain.map(this.layerSpec), startParams());
    } catch (error) {
      this.store.takeBackLayer(topId);
      this.store.releaseLayers(chain);
      if (attempt === 1 && this.store.snapshotOfCatalog.databases[database]) return this.startWorker(database, attempt + 1);
      throw error;
    }
    const instance: Instance = {
      worker,
      topId,
      lastUsed: Date.now(),
      inFlight: 0,
      holders: 0,
      reading: chain,
      held: new Set(chain),
      freezingTo: null,
      following: null,
      behind: false,
    };
    worker.onExit = () => this.forget(database, instance);
    this.running.set(database, instance);
    this.followChain(database);
    return instance;
  }

  /**
   * Settles once every running worker reads the store's current chain and the layers it left
   * are let go: until then a compaction's merged layers stay on disk for it.
   */
  async chainsFollowed(): Promise<void> {
    for (;;) {
      const following = [...this.running.values()].flatMap((instance) => (instance.following ? [instance.following] : []));
      if (following.length === 0) return;
      await Promise.all(following);
    }
  }

  /** The worker is gone (stopped, terminated or crashed): its top is read afresh from disk, and its layers let go. */
  private forget(database: string, instance: Instance): void {
    if (this.running.get(database) === instance) this.running.delete(database);
    this.store.takeBackLayer(instance.topId);
    this.store.releaseLayers(instance.held);
    instance.held.clear();
    this.onWorkerGone(database);
  }

  private readonly layerSpec = (id: number): LayerSpec => ({ id, path: this.store.layerPath(id), frozen: this.store.frozenExtentOf(id) });
  private async reserveSlot(): Promise<void> {
    const deadline = Date.now() + this.options.slotWaitMs;
    while (this.running.size + this.reservedSlots >= this.options.maxRunning) {
      const idle = [...this.running].filter(([, instance]) => instance.inFlight === 0 && instance.holders === 0);
      idle.sort(([, left], [, right]) => left.lastUsed - right.lastUsed);
      const [victim] = idle[0] ?? [];
      if (victim) {
        await this.stop(victim);
        continue;
      }
      if (Date.now() > deadline) {
        throw new AppError(
          'CONFLICT',
          `All ${this.options.maxRunning} database slots are busy; try again shortly or raise CLONEDECK_MAX_RUNNING.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    this.reservedSlots++;
  }

  private async stopIdle(): Promise<void> {
    const now = Date.now();
    for (const [database, instance] of this.running) {
      if (instance.inFlight === 0 && instance.holders === 0 && now - instance.lastUsed > this.options.idleMs) {
        await this.stop(database, { vacuum: true }).catch((error: unknown) => console.error(`stopping idle ${database} failed`, error));
      }
    }
  }

  /**
   * Brings a running worker onto the store's current chain, after compaction changed the
   * layers below its top (or while it started). One request at a time, naming the chain as
   * it is when sent; a change meanwhile is followed once the worker has answered, so it never
   * reads a stale chain after a newer one. The layers sent are held before they are sent and
   * those the worker left are let go only when it has answered: no file it reads or is about
   * to open is removed under it. A failure leaves it on its previous layers, still held, until
   * the next change: a compaction never restarts a database.
   */
  private followChain(database: string): void {
    const instance = this.running.get(database);
    if (!instance) return;
    if (instance.following) {
      instance.behind = true;
      return;
    }
    instance.following = this.catchUp(database, instance).finally(() => (instance.following = null));
  }

  private async catchUp(database: string, instance: Instance): Promise<void> {
    do {
      instance.behind = false;
      // Store changes are synchronous: the rest of a compaction pass lands before this reads the chain.
      await Promise.resolve();
      const chain = this.store.snapshotOfCatalog.databases[database]?.chain;
      if (!chain || !instance.worker.alive || chain.join() === instance.reading.join()) continue;
      this.holdLayers(instance, chain);
      try {
        instance.reading = await instance.worker.request<number[]>({ kind: 'chain', layers: chain.map(this.layerSpec) });
      } catch (error) {
        if (instance.worker.alive)
          console.error(`[clonedeck] ${database} could not follow a compaction; it reads its previous layers`, error);
        return;
      }
      this.keepOnlyLayers(instance, instance.reading);
    } while (instance.behind);
  }

  /** Holds layers for a running worker (until `keepOnlyLayers` leaves them out, or the worker is gone). */
  private holdLayers(instance: Instance, ids: readonly number[]): void {
    if (!instance.worker.alive) return;
    const added = ids.filter((id) => !instance.held.has(id));
    for (const id of added) instance.held.add(id);
    this.store.holdLayers(added);
  }

  /** After a chain request was answered: lets go of the layers held for the worker but those it reads and the top of a freeze it was asked for. */
  private keepOnlyLayers(instance: Instance, reading: readonly number[]): void {
    const keep = new Set(reading);
    if (instance.freezingTo !== null) keep.add(instance.freezingTo);
    this.letGoOf(
      instance,
      [...instance.held].filter((id) => !keep.has(id)),
    );
  }

  private letGoOf(instance: Instance, ids: readonly number[]): void {
    const held = ids.filter((id) => instance.held.delete(id));
    this.store.releaseLayers(held);
  }
}

function startParams(): string[] {
  return LEAN_SETTINGS.flatMap((setting) => ['-c', setting]);
}
