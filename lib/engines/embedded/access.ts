import { notFound } from '@/lib/errors';
import { frontDoorConnection, PasswordBox, ROLES } from '../front-door/credentials';
import { type AccessMode, EnvironmentKeys, sameCredentials, type SealedCredentials, withValidUntil } from '../front-door/environment-keys';
import type { FrontDoorRouter } from '../front-door/front-door';
import type { ConnectionInfo, CredentialsAbility, SessionInfo, SessionsAbility } from '../types';
import type { LayerStore } from './store/layer-store';
import type { WireServer } from './wire-server';

const QUERY_SHOWN = 500;

const SESSION_NOTE =
  'PGlite runs one backend per database: each client gets it for a whole transaction (others wait, at most ' +
  'CLONEDECK_BACKEND_WAIT_SECONDS), with its own prepared statements and settings. Temporary tables, advisory ' +
  'locks, LISTEN/NOTIFY and SQL-level PREPARE are shared by all clients of the database.';

/**
 * Who may reach the embedded engine's databases, and who is connected: per-database passwords
 * (sealed in the catalog, checked by the front door as SCRAM verifiers), the front door's
 * routing, and the sessions of each database's wire clients.
 */
export class EmbeddedAccess {
  private readonly keys: EnvironmentKeys;
  /** Where clients are told to connect (set when the engine joins the front door). */
  publicAddress = { host: '127.0.0.1', port: 0 };

  constructor(
    private readonly store: LayerStore,
    private readonly wire: WireServer,
  ) {
    this.keys = new EnvironmentKeys(PasswordBox.open(store.dir));
  }

  /** The database's credentials, made (and recorded) the first time anyone needs them. */
  private credentialsOf(database: string): { credentials: SealedCredentials } {
    const record = this.store.snapshotOfCatalog.databases[database];
    if (!record || record.loading) throw notFound(`Database "${database}" does not exist.`);
    if (record.credentials) return { credentials: record.credentials };
    const credentials = this.keys.freshCredentials();
    this.store.commit((next) => void (next.databases[database]!.credentials = credentials));
    return { credentials };
  }

  readonly router: FrontDoorRouter = {
    users: new Set([ROLES.readWrite, ROLES.readOnly]),
    verifierOf: async (database, user) =>
      this.keys.admission(database, this.credentialsOf(database), user === ROLES.readOnly ? 'read-only' : 'read-write'),
    route: async (database) => {
      this.credentialsOf(database);
      return this.wire.routeTo(database);
    },
    has: async (database) => Boolean(this.store.snapshotOfCatalog.databases[database]),
  };

  readonly credentials: CredentialsAbility = {
    reveal: async (database, access: AccessMode) => this.keys.reveal(this.credentialsOf(database), access),
    rotate: async (database) => this.changeCredentials(database, (credentials) => this.keys.rotated(credentials)),
    setValidUntil: async (database, until) => this.changeCredentials(database, (credentials) => withValidUntil(credentials, until)),
  };

  /** Replaces the database's credentials with `change` of them (read and committed in one synchronous step; nothing written when equal). */
  private changeCredentials(database: string, change: (credentials: SealedCredentials) => SealedCredentials): void {
    const current = this.credentialsOf(database).credentials;
    const changed = change(current);
    if (sameCredentials(changed, current)) return;
    this.store.commit((next) => void (next.databases[database]!.credentials = changed));
  }

  readonly sessions: SessionsAbility = {
    list: async (database) =>
      this.wire.sessions(database).map((session): SessionInfo => ({
        id: String(session.id),
        user: session.user,
        address: this.addressOf(session.id),
        since: session.since,
        state: session.state,
        query: session.lastStatement ? session.lastStatement.slice(0, QUERY_SHOWN) : null,
        stateSince: session.stateSince,
        waitingFor: session.state === 'waiting' ? "the database's backend (another client's turn)" : null,
      })),
    end: async (database, id) => {
      const session = this.wire.sessions(database).find((candidate) => String(candidate.id) === id);
      session?.terminate();
      return Boolean(session);
    },
  };

  /** The client's address as the front door saw it. */
  addressOf: (sessionId: number) => string | null = () => null;
  /** Set when the engine joins the front door: holds a new database's name against the door's other engines while it is created. */
  reserveName: (database: string) => Promise<() => void> = async () => () => undefined;

  connectionInfo(database: string): ConnectionInfo {
    this.credentialsOf(database);
    return frontDoorConnection(database, this.publicAddress, SESSION_NOTE);
  }
}
