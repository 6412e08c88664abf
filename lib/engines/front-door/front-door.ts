import net from 'node:net';
import tls from 'node:tls';
import { isAppError } from '@/lib/errors';
import { fatalError, MAX_STARTUP_BYTES, packetLength, parseFirstPacket, StartupWatcher, type FirstPacket } from './protocol';

/** Where a database's clients are sent: a server's Unix socket, held while the client stays. */
export interface Route {
  socketPath: string;
  release(): void;
}

export interface FrontDoorRouter {
  /** Rejects with an AppError NOT_FOUND for a database that does not exist. */
  route(database: string): Promise<Route>;
  /** The only user names a client may present (the environments' own roles). */
  readonly users: ReadonlySet<string>;
}

export interface FrontDoorOptions {
  listen: { host: string; port: number };
  tls: tls.SecureContext;
  /** `loopback`: clients on this machine may skip TLS; everybody else must use it. */
  plaintext: 'loopback' | 'never';
}

export interface FrontDoorClient {
  database: string;
  user: string;
  address: string;
  since: Date;
  encrypted: boolean;
  /** The server's process id for this client's session, once the server announced it. */
  pid?: number;
}

const FIRST_PACKET_TIMEOUT_MS = 10_000;

/**
 * One Postgres port for every environment: reads the client's start-up message (after TLS),
 * checks the user name is one of the environment's roles, and hands the connection to that
 * environment's server, which authenticates the client with SCRAM itself — so passwords and
 * verifiers never pass through here in a form worth stealing. Cancel requests are routed by
 * the key each server handed its client. After start-up, bytes pass through untouched.
 */
export class FrontDoor {
  private readonly server = net.createServer((socket) => void this.accept(socket));
  private readonly cancelKeys = new Map<string, string>();
  private readonly clients = new Map<net.Socket, FrontDoorClient>();
  port = 0;

  constructor(
    private readonly router: FrontDoorRouter,
    private readonly options: FrontDoorOptions,
  ) {}

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.listen.port, this.options.listen.host, () => resolve());
    });
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  connectedClients(database?: string): FrontDoorClient[] {
    return [...this.clients.values()].filter((client) => database === undefined || client.database === database);
  }

  async close(): Promise<void> {
    for (const socket of this.clients.keys()) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async accept(raw: net.Socket): Promise<void> {
    raw.on('error', () => undefined);
    raw.setNoDelay(true);
    const address = raw.remoteAddress ?? 'unknown';
    try {
      let socket: net.Socket = raw;
      let packet = await readFirstPacket(socket);
      if (packet.first.kind === 'gssenc') {
        socket.write('N');
        packet = await readFirstPacket(socket);
      }
      if (packet.first.kind === 'ssl') {
        if (packet.rest.length) {
          raw.destroy(); // bytes before the handshake: an injection attempt
          return;
        }
        socket.write('S');
        socket = await upgrade(raw, this.options.tls);
        packet = await readFirstPacket(socket);
      }
      const encrypted = socket !== raw;
      const { first } = packet;
      if (first.kind === 'cancel') return this.forwardCancel(first.key, first.raw, socket);
      if (first.kind !== 'startup') return refuse(socket, '08P01', first.kind === 'invalid' ? first.reason : 'unexpected packet');
      if (!encrypted && !(this.options.plaintext === 'loopback' && isLoopback(address))) {
        return refuse(socket, '28000', 'connections from other hosts must use TLS (sslmode=require)');
      }
      const user = first.parameters.get('user') ?? '';
      const database = first.parameters.get('database') || user;
      if (first.parameters.has('replication')) return refuse(socket, '28000', 'replication connections are not offered');
      if (!this.router.users.has(user)) return refuse(socket, '28000', `role "${user}" cannot connect here; use the environment's credentials`);
      await this.connect(socket, { database, user, address, since: new Date(), encrypted }, first.raw, packet.rest);
    } catch (error) {
      if (!(error instanceof ClientGone)) console.warn(`[clonedeck] front door: a client from ${address} failed:`, error);
      raw.destroy();
    }
  }

  private async connect(socket: net.Socket, client: FrontDoorClient, startup: Buffer, rest: Buffer): Promise<void> {
    let route: Route;
    try {
      route = await this.router.route(client.database);
    } catch (error) {
      if (isAppError(error) && error.code === 'NOT_FOUND') return refuse(socket, '3D000', `database "${client.database}" does not exist`);
      console.warn(`[clonedeck] front door: could not reach ${client.database}:`, error);
      return refuse(socket, '57P03', `database "${client.database}" cannot accept connections right now`);
    }
    const upstream = net.connect(route.socketPath);
    const keys: string[] = [];
    const watcher = new StartupWatcher((key) => {
      keys.push(key);
      this.cancelKeys.set(key, route.socketPath);
      client.pid = Number.parseInt(key.slice(0, 8), 16);
    });
    this.clients.set(socket, client);
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      this.clients.delete(socket);
      for (const key of keys) this.cancelKeys.delete(key);
      route.release();
      socket.destroy();
      upstream.destroy();
    };
    upstream.on('error', close).on('close', close);
    socket.on('error', close).on('close', close);
    const tap = (chunk: Buffer) => {
      watcher.feed(chunk);
      if (watcher.done) upstream.off('data', tap);
    };
    upstream.on('data', tap);
    upstream.write(startup);
    if (rest.length) upstream.write(rest);
    upstream.pipe(socket);
    socket.pipe(upstream);
    socket.resume();
  }

  private forwardCancel(key: string, raw: Buffer, socket: net.Socket): void {
    socket.destroy();
    const socketPath = this.cancelKeys.get(key);
    if (!socketPath) return;
    const upstream = net.connect(socketPath, () => upstream.end(raw));
    upstream.on('error', () => undefined);
  }
}

class ClientGone extends Error {}

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function refuse(socket: net.Socket, sqlState: string, message: string): void {
  socket.end(fatalError(sqlState, message));
}

function upgrade(raw: net.Socket, secureContext: tls.SecureContext): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const secure = new tls.TLSSocket(raw, { isServer: true, secureContext });
    secure.once('secure', () => resolve(secure));
    secure.once('error', reject);
    secure.once('close', () => reject(new ClientGone()));
  });
}

/** Reads one length-prefixed packet; what arrived after it comes back as `rest`. */
function readFirstPacket(socket: net.Socket): Promise<{ first: FirstPacket; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const timer = setTimeout(() => finish(new ClientGone()), FIRST_PACKET_TIMEOUT_MS);
    const finish = (error: Error | null, result?: { first: FirstPacket; rest: Buffer }) => {
      clearTimeout(timer);
      socket.off('data', onData).off('close', onClose).off('error', onClose);
      socket.pause();
      if (error) reject(error);
      else resolve(result!);
    };
    const onClose = () => finish(new ClientGone());
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const length = packetLength(buffer);
      if (length === null) return;
      if (length < 8 || length > MAX_STARTUP_BYTES) return finish(null, { first: { kind: 'invalid', reason: 'invalid packet length' }, rest: Buffer.alloc(0) });
      if (buffer.length < length) return;
      finish(null, { first: parseFirstPacket(buffer.subarray(0, length)), rest: buffer.subarray(length) });
    };
    socket.on('data', onData).on('close', onClose).on('error', onClose);
    socket.resume();
  });
}
