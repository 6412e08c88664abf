import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { AppError } from '@/lib/errors';
import { ChainView } from './store/chain-view';
import { CowFilesystem } from './store/cow-filesystem';
import type { LayerFile } from './store/layer-file';
import type { LayerStore } from './store/layer-store';

export interface InstanceOptions {
  /** Stop an instance after this long without queries or connections. */
  idleMs: number;
  /** At most this many instances run at once; the least recently used idle one makes room. */
  maxRunning: number;
  /** How long a caller waits for a free slot before giving up. */
  slotWaitMs: number;
}

/** Lean settings: ~44 MB per instance instead of ~160 MB; holes instead of zero-filled WAL. */
export const LEAN_SETTINGS = [
  'shared_buffers=16MB',
  'wal_buffers=1MB',
  'temp_buffers=1MB',
  'work_mem=4MB',
  'maintenance_work_mem=32MB',
  'wal_init_zero=off',
  'min_wal_size=32MB',
  'max_wal_size=64MB',
];

export type Postgres = PGlite;

interface Instance {
  pg: PGlite;
  filesystem: CowFilesystem;
  lastUsed: number;
  inFlight: number;
  /** Wire clients and other long holders (each adds one). */
  holders: number;
}

/**
 * Runs PGlite instances over the store's layer chains: started on first use, stopped when
 * idle, bounded in number. Callers go through `use`, which counts them in so an instance is
 * never stopped under a running query.
 */
export class InstancePool {
  private readonly running = new Map<string, Instance>();
  /**
   * The filesystem of every instance from the moment it is built until it is closed —
   * also while PGlite is still starting on it — so chain changes reach it in time.
   */
  private readonly filesystems = new Map<string, CowFilesystem>();
  private readonly starting = new Map<string, Promise<Instance>>();
  private readonly stopping = new Map<string, Promise<void>>();
  private readonly sweeper: NodeJS.Timeout;
  /** Instances being created right now: they count against `maxRunning` before they run. */
  private reservedSlots = 0;
  /** Awaited before an instance stops, so the wire server can let go of it first. */
  beforeStop: (database: string) => Promise<void> = async () => {};
  /** Told after an instance stopped (its layers may now be tidied). */
  afterStop: (database: string) => void = () => {};

  constructor(
    private readonly store: LayerStore,
    private readonly options: InstanceOptions,
  ) {
    this.sweeper = setInterval(() => void this.stopIdle(), Math.min(5_000, Math.max(250, options.idleMs / 2)));
    this.sweeper.unref();
    store.onChainChange = (database, layers, change) => this.followChain(database, layers, change);
  }

  /** True while an instance is starting, running or stopping: its layers are in use. */
  isActive(database: string): boolean {
    return this.filesystems.has(database);
  }

  isRunning(database: string): boolean {
    return this.running.has(database);
  }

  runningDatabases(): string[] {
    return [...this.running.keys()];
  }

  /** Runs `work` against the database's instance, starting it if needed. */
  async use<T>(database: string, work: (pg: PGlite) => Promise<T>): Promise<T> {
    const instance = await this.acquire(database);
    instance.inFlight++;
    try {
      return await work(instance.pg);
    } finally {
      instance.inFlight--;
      instance.lastUsed = Date.now();
    }
  }

  /** Keeps the instance running until the returned release is called (wire connections). */
  async hold(database: string): Promise<{ pg: PGlite; release: () => void }> {
    const instance = await this.acquire(database);
    instance.holders++;
    let released = false;
    return {
      pg: instance.pg,
      release: () => {
        if (released) return;
        released = true;
        instance.holders--;
        instance.lastUsed = Date.now();
      },
    };
  }

  /** Stops the database's instance (a clean Postgres shutdown); waits for running queries. */
  async stop(database: string): Promise<void> {
    await this.starting.get(database)?.catch(() => undefined);
    const pending = this.stopping.get(database);
    if (pending) return pending;
    const instance = this.running.get(database);
    if (!instance) return;
    const stopped = (async () => {
      try {
        await this.beforeStop(database);
        await instance.pg.close();
      } finally {
        this.running.delete(database);
        this.filesystems.delete(database);
        this.stopping.delete(database);
      }
      this.afterStop(database);
    })();
    this.stopping.set(database, stopped);
    return stopped;
  }

  async stopAll(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.starting.keys(), ...this.running.keys()].map((database) => this.stop(database)));
  }

  private async acquire(database: string): Promise<Instance> {
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
    let pg: PGlite;
    let filesystem: CowFilesystem;
    try {
      filesystem = new CowFilesystem(new ChainView(this.store.layersOf(this.store.database(database).chain)));
      this.filesystems.set(database, filesystem);
      const startParams = [...PGlite.defaultStartParams, ...LEAN_SETTINGS.flatMap((setting) => ['-c', setting])];
      pg = await PGlite.create({ fs: filesystem, extensions: { vector }, startParams });
    } catch (error) {
      this.filesystems.delete(database);
      throw error;
    } finally {
      this.reservedSlots--;
    }
    const instance: Instance = { pg, filesystem, lastUsed: Date.now(), inFlight: 0, holders: 0 };
    filesystem.onActivity = () => {
      instance.lastUsed = Date.now();
    };
    this.running.set(database, instance);
    return instance;
  }

  /**
   * Waits for a free slot (stopping the least recently used idle instance if need be) and
   * takes it. The check and the taking happen with no await between them: otherwise
   * callers starting at once would all see the same free slot and exceed `maxRunning`.
   */
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
        await this.stop(database).catch((error: unknown) => console.error(`stopping idle ${database} failed`, error));
      }
    }
  }

  private followChain(database: string, layers: LayerFile[], change: 'new-top' | 'compacted'): void {
    const filesystem = this.filesystems.get(database);
    if (!filesystem) return;
    if (change === 'new-top') filesystem.view.pushTop(layers[layers.length - 1]!);
    else filesystem.view.replaceChain(layers);
  }
}
