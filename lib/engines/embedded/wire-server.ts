import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { configFrom } from '@/lib/config';
import { ROLES } from '../front-door/credentials';
import { backendKeyData, errorResponse, AUTHENTICATION_OK, parameterStatus, readyForQuery } from './wire/frames';
import { ClientSession } from './wire/client-session';
import type { SessionLimits } from './wire/cycles';
import { startupSettings } from './wire/client-state';
import { SharedBackend } from './wire/shared-backend';
import { readStartup } from './wire/startup';
import type { InstancePool } from './instances';

/** Settings a client is told at start-up (PostgreSQL's GUC_REPORT list). */
const REPORTED = [
  'server_version',
  'server_encoding',
  'client_encoding',
  'application_name',
  'default_transaction_read_only',
  'in_hot_standby',
  'DateStyle',
  'IntervalStyle',
  'TimeZone',
  'integer_datetimes',
  'standard_conforming_strings',
  'search_path',
];

/** Process ids shown to clients: far above any real process id, so cancel keys never meet a server's. */
const FIRST_SESSION_ID = 1_000_000_000;

interface DatabaseWire {
  server: net.Server;
  socketPath: string;
  backend: SharedBackend;
  sessions: Map<number, { session: ClientSession; secret: number }>;
}

/**
 * Each embedded database's clients, as the front door hands them over (already authenticated)
 * on a private Unix socket: one ClientSession each, sharing the database's single backend turn
 * by turn. Cancel requests arrive on the same socket.
 */
export class WireServer {
  private readonly databases = new Map<string, Promise<DatabaseWire>>();
  private socketDir: string | null = null;
  private nextSessionId = FIRST_SESSION_ID;

  constructor(
    private readonly pool: InstancePool,
    private readonly limits: SessionLimits = sessionLimitsFromConfig(),
  ) {}

  /** The Unix socket the front door sends the database's clients to (listening from now on). */
  async socketPathFor(database: string): Promise<string> {
    let wire = this.databases.get(database);
    if (!wire) {
      wire = this.open(database);
      this.databases.set(database, wire);
      wire.catch(() => this.databases.delete(database));
    }
    return (await wire).socketPath;
  }

  /** The connected sessions of a database. */
  async sessions(database: string): Promise<ClientSession[]> {
    const wire = await this.databases.get(database)?.catch(() => undefined);
    return [...(wire?.sessions.values() ?? [])].map((entry) => entry.session);
  }

  /** Disconnects the database's clients (before its instance stops); their transactions roll back. */
  async disconnect(database: string, reason?: string): Promise<void> {
    for (const session of await this.sessions(database)) session.terminate(reason);
  }

  /** Stops listening for the database (it is being dropped). */
  async close(database: string): Promise<void> {
    const wire = await this.databases.get(database)?.catch(() => undefined);
    this.databases.delete(database);
    if (!wire) return;
    for (const { session } of wire.sessions.values()) session.terminate();
    await new Promise<void>((resolve) => wire.server.close(() => resolve()));
    fs.rmSync(wire.socketPath, { force: true });
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.databases.keys()].map((database) => this.close(database)));
    if (this.socketDir) fs.rmSync(this.socketDir, { recursive: true, force: true });
  }

  private async open(database: string): Promise<DatabaseWire> {
    const socketPath = path.join(this.ownSocketDir(), `${crypto.createHash('sha256').update(database).digest('hex').slice(0, 16)}.sock`);
    fs.rmSync(socketPath, { force: true });
    const wire: DatabaseWire = {
      server: net.createServer(),
      socketPath,
      backend: new SharedBackend(database, this.pool),
      sessions: new Map(),
    };
    wire.server.on('connection', (socket) => void this.accept(wire, socket));
    await new Promise<void>((resolve, reject) => {
      wire.server.once('error', reject);
      wire.server.listen(socketPath, () => resolve());
    });
    fs.chmodSync(socketPath, 0o600);
    return wire;
  }

  private async accept(wire: DatabaseWire, socket: net.Socket): Promise<void> {
    socket.on('error', () => undefined);
    const first = await readStartup(socket).catch(() => null);
    if (!first) return void socket.destroy();
    if (first.kind === 'cancel') {
      socket.destroy();
      const entry = wire.sessions.get(first.processId);
      if (entry && entry.secret === first.secret) entry.session.cancel();
      return;
    }
    const user = first.parameters.get('user') ?? '';
    const role = user === ROLES.readWrite ? 'read-write' : user === ROLES.readOnly ? 'read-only' : null;
    if (!role) return void socket.end(errorResponse('28000', `role "${user}" cannot connect here`, 'FATAL'));
    let settings: Map<string, string>;
    try {
      settings = startupSettings(first.parameters);
    } catch (error) {
      return void socket.end(errorResponse('22023', (error as Error).message, 'FATAL'));
    }
    const id = this.nextSessionId++;
    const session = new ClientSession(id, socket, wire.backend, role, user, settings, this.limits);
    wire.backend.attach();
    let reported: Map<string, string>;
    try {
      reported = await session.begin(REPORTED);
    } catch (error) {
      wire.backend.detach();
      return void socket.end(errorResponse('22023', (error as Error).message, 'FATAL'));
    }
    const secret = crypto.randomInt(1, 2 ** 31 - 1);
    wire.sessions.set(id, { session, secret });
    socket.once('close', () => wire.sessions.delete(id));
    reported.set('is_superuser', 'off');
    reported.set('session_authorization', user);
    socket.write(
      Buffer.concat([
        AUTHENTICATION_OK,
        ...[...reported].map(([name, value]) => parameterStatus(name, value)),
        backendKeyData(id, secret),
        readyForQuery('I'),
      ]),
    );
    session.listen();
    if (first.rest.length) session.receive(first.rest);
  }

  /**
   * Unix sockets need a short path, so they live in the system temp directory, in a folder
   * named after this process (owner-only, one per engine); folders of processes that died are removed.
   */
  private ownSocketDir(): string {
    if (this.socketDir) return this.socketDir;
    for (const entry of fs.readdirSync(os.tmpdir())) {
      const pid = Number(/^clonedeck-sock-(\d+)(-|$)/.exec(entry)?.[1]);
      if (pid && pid !== process.pid && !processAlive(pid)) fs.rmSync(path.join(os.tmpdir(), entry), { recursive: true, force: true });
    }
    this.socketDir = fs.mkdtempSync(path.join(os.tmpdir(), `clonedeck-sock-${process.pid}-`));
    fs.chmodSync(this.socketDir, 0o700);
    return this.socketDir;
  }
}

function sessionLimitsFromConfig(): SessionLimits {
  const config = configFrom();
  return {
    turnWaitMs: config.CLONEDECK_BACKEND_WAIT_SECONDS * 1000,
    idleInTransactionMs: config.CLONEDECK_IDLE_IN_TRANSACTION_SECONDS * 1000,
  };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
