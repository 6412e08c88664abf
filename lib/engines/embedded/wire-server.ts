import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { InstancePool } from './instances';
import type { WorkerHandle } from './worker/worker-handle';

/** Ports this machine's own services use: never ours. */
export const RESERVED_PORTS = new Set([3306, 4222, 5432, 5672, 6379, 1883]);

interface Listener {
  server: net.Server;
  port: number;
  clients: Set<net.Socket>;
}

/**
 * The Postgres wire protocol for every database, each on its own local port. A listener
 * costs nothing until a client connects: the database's instance starts then (and stays up
 * while clients are connected). Connections are piped to PGlite's socket server on a Unix
 * socket, so every client of one database shares that instance's single backend session.
 */
export class WireServer {
  private readonly listeners = new Map<string, Listener>();
  /** Each running database's socket path; its worker listens there. */
  private readonly socketServers = new Map<string, Promise<string>>();
  private socketDir: string | null = null;

  constructor(
    private readonly pool: InstancePool,
    private readonly host = '127.0.0.1',
  ) {}

  portOf(database: string): number | undefined {
    return this.listeners.get(database)?.port;
  }

  /** Starts listening for the database on `port`; rejects with EADDRINUSE if it is taken. */
  async listen(database: string, port: number): Promise<number> {
    const existing = this.listeners.get(database);
    if (existing) return existing.port;
    if (RESERVED_PORTS.has(port)) throw new Error(`port ${port} is reserved for another service`);
    const listener: Listener = { server: net.createServer(), port, clients: new Set() };
    listener.server.on('connection', (socket) => void this.accept(database, listener, socket));
    await new Promise<void>((resolve, reject) => {
      listener.server.once('error', reject);
      listener.server.listen(port, this.host, () => {
        listener.server.off('error', reject);
        resolve();
      });
    });
    listener.port = (listener.server.address() as net.AddressInfo).port;
    this.listeners.set(database, listener);
    return listener.port;
  }

  /** Disconnects the database's clients (before its instance stops; the worker's socket server stops with it). */
  async disconnect(database: string): Promise<void> {
    for (const client of this.listeners.get(database)?.clients ?? []) client.destroy();
    const socketPath = await this.socketServers.get(database)?.catch(() => '');
    this.socketServers.delete(database);
    if (socketPath) fs.rmSync(socketPath, { force: true });
  }

  /** Stops listening for the database (it is being dropped). */
  async close(database: string): Promise<void> {
    await this.disconnect(database);
    const listener = this.listeners.get(database);
    this.listeners.delete(database);
    if (listener) await new Promise<void>((resolve) => listener.server.close(() => resolve()));
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.listeners.keys()].map((database) => this.close(database)));
    if (this.socketDir) fs.rmSync(this.socketDir, { recursive: true, force: true });
  }

  private async accept(database: string, listener: Listener, client: net.Socket): Promise<void> {
    listener.clients.add(client);
    client.pause();
    let release = () => {};
    client.once('close', () => {
      listener.clients.delete(client);
      release();
    });
    try {
      const held = await this.pool.hold(database);
      release = held.release;
      if (client.destroyed) return release();
      const socketPath = await this.socketServerFor(database, held.worker);
      const upstream = net.connect(socketPath);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
      client.pipe(upstream).pipe(client);
      client.resume();
    } catch (error) {
      console.error(`clonedeck: could not serve a client of ${database}:`, error);
      client.destroy();
    }
  }

  /**
   * Unix sockets need a short path, so they live in the system temp directory, in a folder
   * named after this process; folders of processes that died (killed, crashed) are removed.
   */
  private ownSocketDir(): string {
    if (this.socketDir) return this.socketDir;
    for (const entry of fs.readdirSync(os.tmpdir())) {
      const pid = Number(/^clonedeck-sock-(\d+)$/.exec(entry)?.[1]);
      if (pid && pid !== process.pid && !processAlive(pid)) fs.rmSync(path.join(os.tmpdir(), entry), { recursive: true, force: true });
    }
    this.socketDir = path.join(os.tmpdir(), `clonedeck-sock-${process.pid}`);
    fs.mkdirSync(this.socketDir, { recursive: true, mode: 0o700 });
    return this.socketDir;
  }

  /** The database's worker serves PGlite's socket server on a Unix socket; this side only pipes bytes. */
  private async socketServerFor(database: string, worker: WorkerHandle): Promise<string> {
    let pending = this.socketServers.get(database);
    if (!pending) {
      const socketPath = path.join(this.ownSocketDir(), `${database}.sock`);
      fs.rmSync(socketPath, { force: true });
      pending = worker.request({ kind: 'listen', socketPath }).then(() => socketPath);
      this.socketServers.set(database, pending);
      pending.catch(() => this.socketServers.delete(database));
    }
    return pending;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
