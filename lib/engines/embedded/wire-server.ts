import crypto from 'node:crypto';
import type net from 'node:net';
import { configFrom } from '@/lib/config';
import { ROLES } from '../front-door/credentials';
import type { InProcessRoute, ServedClient } from '../front-door/front-door';
import { refuse } from '../front-door/protocol';
import { backendKeyData, AUTHENTICATION_OK, parameterStatus, readyForQuery } from './wire/frames';
import { ClientSession } from './wire/client-session';
import type { SessionLimits } from './wire/cycles';
import { startupSettings } from './wire/client-state';
import { SharedBackend } from './wire/shared-backend';
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
  backend: SharedBackend;
  sessions: Map<number, ClientSession>;
}

/**
 * Each embedded database's clients, as the front door hands them over (already authenticated,
 * on the client's own socket, TLS included): one ClientSession each, sharing the database's
 * single backend turn by turn. The session reads from and writes to the client's socket
 * itself, so no relay sits between the client and its turn.
 */
export class WireServer {
  private readonly databases = new Map<string, DatabaseWire>();
  private nextSessionId = FIRST_SESSION_ID;

  constructor(
    private readonly pool: InstancePool,
    private readonly limits: SessionLimits = sessionLimitsFromConfig(),
  ) {}

  /** The front door's way into the database: it hands each authenticated client over. */
  routeTo(database: string): InProcessRoute {
    return { serve: (socket, parameters, rest) => this.serve(database, socket, parameters, rest), release: () => undefined };
  }

  /** The connected sessions of a database. */
  sessions(database: string): ClientSession[] {
    return [...(this.databases.get(database)?.sessions.values() ?? [])];
  }

  /** Disconnects the database's clients (before its instance stops); their transactions roll back. */
  disconnect(database: string, reason?: string): void {
    for (const session of this.sessions(database)) session.terminate(reason);
  }

  /** Forgets the database (it is being dropped, or the engine closes): its clients are disconnected. */
  close(database: string): void {
    this.disconnect(database);
    this.databases.delete(database);
  }

  closeAll(): void {
    for (const database of [...this.databases.keys()]) this.close(database);
  }

  private wireOf(database: string): DatabaseWire {
    let wire = this.databases.get(database);
    if (!wire) {
      wire = { backend: new SharedBackend(database, this.pool), sessions: new Map() };
      this.databases.set(database, wire);
    }
    return wire;
  }

  private async serve(
    database: string,
    socket: net.Socket,
    parameters: ReadonlyMap<string, string>,
    rest: Buffer,
  ): Promise<ServedClient | null> {
    const user = parameters.get('user') ?? '';
    const role = user === ROLES.readWrite ? 'read-write' : user === ROLES.readOnly ? 'read-only' : null;
    if (!role) return refused(socket, '28000', `role "${user}" cannot connect here`);
    let settings: Map<string, string>;
    try {
      settings = startupSettings(parameters);
    } catch (error) {
      return refused(socket, '22023', (error as Error).message);
    }
    const wire = this.wireOf(database);
    const id = this.nextSessionId++;
    const session = new ClientSession(id, socket, wire.backend, role, user, settings, this.limits);
    wire.backend.attach();
    let reported: Map<string, string>;
    try {
      reported = await session.begin(REPORTED);
    } catch (error) {
      wire.backend.detach();
      return refused(socket, '22023', (error as Error).message);
    }
    const secret = crypto.randomInt(1, 2 ** 31 - 1);
    wire.sessions.set(id, session);
    socket.once('close', () => wire.sessions.delete(id));
    if (socket.destroyed) wire.sessions.delete(id);
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
    if (rest.length) session.receive(rest);
    return { processId: id, secret, cancel: () => session.cancel() };
  }
}

function sessionLimitsFromConfig(): SessionLimits {
  const config = configFrom();
  return {
    turnWaitMs: config.CLONEDECK_BACKEND_WAIT_SECONDS * 1000,
    idleInTransactionMs: config.CLONEDECK_IDLE_IN_TRANSACTION_SECONDS * 1000,
  };
}

function refused(socket: net.Socket, sqlState: string, message: string): null {
  refuse(socket, sqlState, message);
  return null;
}
