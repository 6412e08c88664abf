import path from 'node:path';
import type { PgBinaries, ServerUser } from './binaries';
import { PgServer } from './server';

interface Entry {
  server: PgServer;
  lastUsed: number;
  /** Front-door clients and running engine calls (each adds one). */
  holders: number;
  starting?: Promise<void>;
}

/**
 * The running servers: one per environment, started on first use (a query, a front-door
 * client), stopped after `idleMs` with nobody holding it, so 500 environments do not mean
 * 500 servers. Stopping is a fast shutdown: it rolls back open transactions.
 */
export class ServerSet {
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly socketRoot: string,
    private readonly binaries: PgBinaries,
    private readonly user: ServerUser,
    private readonly dataDirOf: (database: string) => string,
    private readonly idleMs: number,
    /** Run after every start, before anyone else uses the server (the engine resets its client roles). */
    private readonly onStart: (database: string, server: PgServer) => Promise<void> = async () => {},
  ) {
    this.sweeper = setInterval(() => void this.stopIdle(), Math.min(5_000, Math.max(250, idleMs / 2)));
    this.sweeper.unref();
    process.on('exit', this.signalAllToStop);
  }

  /**
   * When this process exits (however: Next.js's own signal handlers call process.exit), its
   * servers get a fast-shutdown signal rather than running on unowned. Synchronous, as exit
   * handlers must be; a killed process's servers are stopped by the next engine to open.
   */
  private readonly signalAllToStop = () => {
    for (const entry of this.entries.values()) entry.server.signalStop();
  };

  socketDirOf(database: string): string {
    return path.join(this.socketRoot, database);
  }

  isRunning(database: string): boolean {
    return this.entries.get(database)?.server.running ?? false;
  }

  /** Keeps the database's server running until `release` is called; starts it if need be. */
  async hold(database: string): Promise<{ server: PgServer; release: () => void }> {
    const entry = this.entryOf(database);
    entry.holders++;
    try {
      entry.starting ??= entry.server
        .start()
        .then(() => this.onStart(database, entry.server))
        .catch(async (error: unknown) => {
          await entry.server.stop();
          throw error;
        })
        .finally(() => (entry.starting = undefined));
      await entry.starting;
    } catch (error) {
      entry.holders--;
      throw error;
    }
    let released = false;
    return {
      server: entry.server,
      release: () => {
        if (released) return;
        released = true;
        entry.holders--;
        entry.lastUsed = Date.now();
      },
    };
  }

  async use<T>(database: string, work: (server: PgServer) => Promise<T>): Promise<T> {
    const { server, release } = await this.hold(database);
    try {
      return await work(server);
    } finally {
      release();
    }
  }

  /** Stops the server (its clients are disconnected) and forgets it. */
  async stop(database: string): Promise<void> {
    const entry = this.entries.get(database);
    if (!entry) return;
    await entry.starting?.catch(() => undefined);
    await entry.server.stop();
    this.entries.delete(database);
  }

  async stopAll(): Promise<void> {
    clearInterval(this.sweeper);
    process.off('exit', this.signalAllToStop);
    await Promise.all([...this.entries.keys()].map((database) => this.stop(database)));
  }

  runningCount(): number {
    return [...this.entries.values()].filter((entry) => entry.server.running).length;
  }

  private entryOf(database: string): Entry {
    let entry = this.entries.get(database);
    if (!entry) {
      const server = new PgServer(this.dataDirOf(database), this.socketDirOf(database), this.binaries, this.user);
      entry = { server, lastUsed: Date.now(), holders: 0 };
      this.entries.set(database, entry);
    }
    entry.lastUsed = Date.now();
    return entry;
  }

  private async stopIdle(): Promise<void> {
    const now = Date.now();
    for (const [database, entry] of this.entries) {
      if (entry.holders === 0 && !entry.starting && now - entry.lastUsed > this.idleMs) {
        await this.stop(database).catch((error: unknown) => console.error(`[clonedeck] stopping idle ${database} failed`, error));
      }
    }
  }
}
