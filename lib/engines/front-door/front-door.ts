import net from 'node:net';
import tls from 'node:tls';
import { isAppError } from '@/lib/errors';
import {
  authenticationMessage,
  MAX_STARTUP_BYTES,
  packetLength,
  parseFirstPacket,
  parseSaslInitial,
  refuse,
  SASL_OFFER,
  StartupWatcher,
  type FirstPacket,
} from './protocol';
import { MockVerifiers, parseVerifier, ScramExchange } from './scram';

/**
 * Where a database's clients are sent, held while the client stays: a server's Unix socket
 * (start-up passed on, then bytes relayed both ways), or a server in this process that takes
 * the authenticated socket itself (no relay: its answers go straight to the client's socket).
 */
export type Route = SocketRoute | InProcessRoute;

export interface SocketRoute {
  socketPath: string;
  release(): void;
}

export interface InProcessRoute {
  /**
   * Serves an authenticated client from AuthenticationOk on: `parameters` are its start-up
   * message's, `rest` what it sent after its last authentication message. Resolves to the
   * session's cancel key once it is ready, or null when it was refused (the socket ended with why).
   */
  serve(socket: net.Socket, parameters: ReadonlyMap<string, string>, rest: Buffer): Promise<ServedClient | null>;
  release(): void;
}

export interface ServedClient {
  processId: number;
  secret: number;
  cancel(): void;
}

export interface FrontDoorRouter {
  /** The SCRAM verifier `user` is checked against; rejects with NOT_FOUND for a database that does not exist. */
  verifierOf(database: string, user: string): Promise<string>;
  /** Starts (if need be) and holds the database's server; rejects with NOT_FOUND for an unknown one. */
  route(database: string): Promise<Route>;
  /** True when the engine has a database of this name (being created included), without starting it. */
  has(database: string): Promise<boolean>;
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

type StartupPacket = Extract<FirstPacket, { kind: 'startup' }>;

const FIRST_PACKET_TIMEOUT_MS = 10_000;

/**
 * One Postgres port for every environment: reads the client's start-up message (after TLS),
 * checks the user name is one of the environment's roles, authenticates the client with
 * SCRAM-SHA-256 against the verifier Clonedeck keeps (the password never crosses the wire),
 * and only then hands the connection to that environment's server (started on demand), which
 * trusts the front door on its private socket (or takes the socket itself, in this process) —
 * so nothing a session does inside a server can change who gets in. Cancel requests are routed
 * by the key each server handed its client. After start-up, bytes pass through untouched.
 */
export class FrontDoor {
  private readonly server = net.createServer((socket) => {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    void this.accept(socket);
  });
  /** Every socket accepted and not yet closed (clients, and connections still in start-up or being refused). */
  private readonly sockets = new Set<net.Socket>();
  /** Cancel keys (process id and secret, as hex) of connected clients → how to cancel that session. */
  private readonly cancelKeys = new Map<string, (request: Buffer) => void>();
  private readonly clients = new Map<net.Socket, FrontDoorClient>();
  private readonly mockVerifiers = new MockVerifiers();
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
    for (const socket of [...this.clients.keys(), ...this.sockets]) socket.destroy();
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
      if (!this.router.users.has(user))
        return refuse(socket, '28000', `role "${user}" cannot connect here; use the environment's credentials`);
      let verifier: string;
      try {
        verifier = await this.router.verifierOf(database, user);
      } catch (error) {
        // An unknown database goes through the same exchange as a wrong password, so nobody
        // without a credential can list environments by trying names (PostgreSQL's mock auth).
        if (isAppError(error) && error.code === 'NOT_FOUND') verifier = this.mockVerifiers.of(database, user);
        else throw error;
      }
      const rest = await authenticate(socket, verifier, packet.rest);
      if (!rest) {
        console.warn(`[clonedeck] front door: failed password for ${user} on ${database} from ${address}`);
        return refuse(socket, '28P01', `password authentication failed for user "${user}"`);
      }
      await this.connect(socket, { database, user, address, since: new Date(), encrypted }, first, rest);
    } catch (error) {
      if (!(error instanceof ClientGone)) console.warn(`[clonedeck] front door: a client from ${address} failed:`, error);
      raw.destroy();
    }
  }

  private async connect(socket: net.Socket, client: FrontDoorClient, startup: StartupPacket, rest: Buffer): Promise<void> {
    let route: Route;
    try {
      route = await this.router.route(client.database);
    } catch (error) {
      if (isAppError(error) && error.code === 'NOT_FOUND') return refuse(socket, '3D000', `database "${client.database}" does not exist`);
      console.warn(`[clonedeck] front door: could not reach ${client.database}:`, error);
      return refuse(socket, '57P03', `database "${client.database}" cannot accept connections right now`);
    }
    const keys: string[] = [];
    const learnKey = (key: string, cancel: (request: Buffer) => void) => {
      keys.push(key);
      this.cancelKeys.set(key, cancel);
      client.pid = Number.parseInt(key.slice(0, 8), 16);
    };
    this.clients.set(socket, client);
    let closed = false;
    const closeRoute = () => {
      if (closed) return;
      closed = true;
      this.clients.delete(socket);
      for (const key of keys) this.cancelKeys.delete(key);
      route.release();
    };
    socket.on('error', closeRoute).on('close', closeRoute);
    if ('serve' in route) {
      const served = await route.serve(socket, startup.parameters, rest).catch((error: unknown) => {
        console.warn(`[clonedeck] front door: ${client.database} could not take a client:`, error);
        socket.destroy();
        return null;
      });
      if (!served || closed) return; // refused, or gone while its start-up was answered: no key to keep
      const key = Buffer.alloc(8);
      key.writeInt32BE(served.processId, 0);
      key.writeInt32BE(served.secret, 4);
      learnKey(key.toString('hex'), () => served.cancel());
      return;
    }
    const { socketPath } = route;
    const upstream = net.connect(socketPath);
    const watcher = new StartupWatcher((key) =>
      learnKey(key, (request) => {
        const cancel = net.connect(socketPath, () => cancel.end(request));
        cancel.on('error', () => undefined);
      }),
    );
    const close = () => {
      closeRoute();
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
    upstream.write(startup.raw);
    if (rest.length) upstream.write(rest);
    upstream.pipe(socket);
    socket.pipe(upstream);
    socket.resume();
  }

  private forwardCancel(key: string, raw: Buffer, socket: net.Socket): void {
    socket.destroy();
    this.cancelKeys.get(key)?.(raw);
  }
}

class ClientGone extends Error {}

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function upgrade(raw: net.Socket, secureContext: tls.SecureContext): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const secure = new tls.TLSSocket(raw, { isServer: true, secureContext });
    secure.once('secure', () => resolve(secure));
    secure.once('error', reject);
    secure.once('close', () => reject(new ClientGone()));
  });
}

/** The client's first packet (no type byte); what arrived after it comes back as `rest`. */
async function readFirstPacket(socket: net.Socket): Promise<{ first: FirstPacket; rest: Buffer }> {
  const frame = await readFrame(socket, Buffer.alloc(0), 0);
  if (!frame.body) return { first: { kind: 'invalid', reason: 'invalid packet length' }, rest: Buffer.alloc(0) };
  return { first: parseFirstPacket(frame.body), rest: frame.rest };
}

/**
 * Reads one frame: with `typeBytes` 0 a start-up packet (length first, counted in), with 1 a
 * typed message (type, then length). `body` is the whole packet, or the message after its
 * header; null when the length is out of bounds (a hostile or broken client).
 */
function readFrame(socket: net.Socket, pending: Buffer, typeBytes: 0 | 1): Promise<{ type: string; body: Buffer | null; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    let buffer = pending;
    let done = false;
    const timer = setTimeout(() => finish(new ClientGone()), FIRST_PACKET_TIMEOUT_MS);
    const finish = (error: Error | null, result?: { type: string; body: Buffer | null; rest: Buffer }) => {
      done = true;
      clearTimeout(timer);
      socket.off('data', onData).off('close', onClose).off('error', onClose);
      socket.pause();
      if (error) reject(error);
      else resolve(result!);
    };
    const onClose = () => finish(new ClientGone());
    const tryParse = () => {
      const length = packetLength(buffer.subarray(typeBytes));
      if (length === null) return;
      const type = typeBytes ? String.fromCharCode(buffer[0]!) : '';
      if (length < 4 + 4 * (1 - typeBytes) || length > MAX_STARTUP_BYTES) return finish(null, { type, body: null, rest: Buffer.alloc(0) });
      if (buffer.length < typeBytes + length) return;
      const body = typeBytes ? buffer.subarray(5, 1 + length) : buffer.subarray(0, length);
      finish(null, { type, body, rest: buffer.subarray(typeBytes + length) });
    };
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      tryParse();
    };
    socket.on('data', onData).on('close', onClose).on('error', onClose);
    tryParse();
    if (!done) socket.resume();
  });
}

/** SCRAM-SHA-256 with the client; what it sent after its last message, or null when it failed. */
async function authenticate(socket: net.Socket, verifier: string, pending: Buffer): Promise<Buffer | null> {
  const exchange = new ScramExchange(parseVerifier(verifier));
  socket.write(SASL_OFFER);
  const initial = await readFrame(socket, pending, 1);
  const sasl = initial.type === 'p' && initial.body ? parseSaslInitial(initial.body) : null;
  const serverFirst = sasl?.mechanism === 'SCRAM-SHA-256' ? exchange.first(sasl.data) : null;
  if (!serverFirst) return null;
  socket.write(authenticationMessage(11, Buffer.from(serverFirst)));
  const response = await readFrame(socket, initial.rest, 1);
  const serverFinal = response.type === 'p' && response.body ? exchange.final(response.body.toString('utf8')) : null;
  if (!serverFinal) return null;
  socket.write(authenticationMessage(12, Buffer.from(serverFinal)));
  return response.rest;
}
