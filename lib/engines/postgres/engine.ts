import fs from 'node:fs';
import { conflict, notFound, unsupported, validation } from '@/lib/errors';
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
import { mapPgError } from '../yugabyte/errors';
import { onlineCopy } from './backup';
import type { PgBinaries, ServerUser } from './binaries';
import type { Catalog, DatabaseRecord } from './catalog';
import { frontDoorConnection, type PasswordBox, ROLES } from '../front-door/credentials';
import { postgresCapabilities } from './capabilities';
import { postgresDialect } from './dialect';
import type { FileCloner } from './file-clone';
import type { BlankSegment } from './wal-blank';
import type { StoreLayout } from './layout';
import { EnvironmentKeys } from './keys';
import { sameCredentials, type SealedCredentials, withValidUntil } from '../front-door/environment-keys';
import { underNewName } from '../front-door/shared-door';
import { runAsRole } from './query';
import type { PgServer } from './server';
import type { ServerSet } from './servers';
import { postgresSessions } from './sessions';
import { createDatabaseSql, ownDatabaseSql, renameDatabaseSql, SETTLE_SQL } from './setup-sql';
import { ensureTemplate } from './template';
import { measureUsage, predictFreedBytes } from './usage';

export interface PostgresEngineParts {
  layout: StoreLayout;
  catalog: Catalog;
  servers: ServerSet;
  cloner: FileCloner;
  /** The zero-filled WAL segment new copies share (see wal-blank.ts). */
  blank: BlankSegment;
  binaries: PgBinaries;
  user: ServerUser;
  passwords: PasswordBox;
  /** Where clients connect: the front door's public host and port. */
  publicAddress: { host: string; port: number };
  /** Statements from the console stop after this long (statement_timeout). */
  consoleTimeoutMs: number;
}

/**
 * One real PostgreSQL 18 server per environment, on its own data directory; snapshots and
 * clones are file-level copies that share blocks on a reflink file system. Changes to the
 * store run one at a time (a queue); clients and queries run alongside them.
 */
export class PostgresEngine implements Engine {
  readonly kind = 'postgres' as const;
  readonly label = postgresCapabilities.label;
  readonly dialect = postgresDialect;
  readonly snapshotLevels = ['database'] as const;
  readonly deltaAccounting = true;
  readonly asyncClone = false;
  readonly abilities: EngineAbilities;
  private queue: Promise<unknown> = Promise.resolve();
  /** Set by the front door: where the client of a server session (by pid) connected from. */
  clientAddressOf: (pid: number) => string | null = () => null;
  /** Set by the front door: holds a new database's name against the door's other engines while it is created. */
  reserveName: (name: string) => Promise<() => void> = async () => () => undefined;

  private readonly keys: EnvironmentKeys;

  get consoleTimeoutMs(): number {
    return this.parts.consoleTimeoutMs;
  }

  constructor(private readonly parts: PostgresEngineParts) {
    this.keys = new EnvironmentKeys(parts.passwords);
    this.abilities = {
      restore: { mode: 'in-place', restoreDatabase: (database, snapshot) => this.restoreDatabase(database, snapshot) },
      credentials: {
        reveal: async (database, access) => this.credentialsOf(database, access),
        rotate: (database) => this.exclusive(() => this.changeCredentials(database, (credentials) => this.keys.rotated(credentials))),
        setValidUntil: (database, until) =>
          this.exclusive(() => this.changeCredentials(database, (credentials) => withValidUntil(credentials, until))),
      },
      sessions: postgresSessions(parts.servers, (pid) => this.clientAddressOf(pid)),
    };
  }

  get servers(): ServerSet {
    return this.parts.servers;
  }

  get storeDir(): string {
    return this.parts.layout.root;
  }

  /** Throws NOT_FOUND unless the database exists (the front door asks before routing). */
  async requireDatabase(name: string): Promise<void> {
    this.recordOf(name);
  }

  /** What the front door checks a client's SCRAM proof against (one no password matches once expired); NOT_FOUND for an unknown database. */
  async verifierOf(database: string, access: 'read-write' | 'read-only'): Promise<string> {
    return this.keys.admission(database, this.recordOf(database), access);
  }

  async health(): Promise<EngineHealth> {
    const databases = Object.keys(this.parts.catalog.current.databases).length;
    const thin = this.parts.cloner.thin ? 'reflink copies' : 'full copies (the file system has no reflinks)';
    return {
      ok: true,
      version: `PostgreSQL 18 (${this.parts.binaries.source})`,
      latencyMs: 0,
      message: `store ${this.parts.layout.root}: ${databases} databases, ${this.parts.servers.runningCount()} running, ${thin}`,
    };
  }

  async listDatabases(): Promise<DatabaseInfo[]> {
    return Object.keys(this.parts.catalog.current.databases)
      .sort()
      .map((name) => this.describe(name));
  }

  async getDatabase(name: string): Promise<DatabaseInfo | null> {
    return this.parts.catalog.current.databases[name] ? this.describe(name) : null;
  }

  async createDatabase(name: string, options: CreateDatabaseOptions = {}): Promise<DatabaseInfo> {
    assertName('database', name);
    await this.exclusive(() => underNewName(this.reserveName, name, () => this.create(name, options)));
    return this.describe(name);
  }

  private async create(name: string, options: CreateDatabaseOptions): Promise<void> {
    this.assertFree(name);
    const { layout, servers, binaries, user } = this.parts;
    await ensureTemplate(layout.template, servers.socketDirOf('.template'), binaries, user);
    await this.parts.cloner.copyTree(layout.template, layout.database(name));
    const record = this.keys.fresh();
    try {
      await servers.use(name, async (server) => {
        await server.asSuperuser('postgres', (client) => client.query(createDatabaseSql(name)));
        await server.asSuperuser(name, (client) => client.query(ownDatabaseSql(name)));
        if (options.initialSql) await this.load(server, name, options.initialSql);
      });
    } catch (error) {
      await this.forgetDirectory(name);
      throw error instanceof Error && 'code' in error ? mapPgError(error, { operation: `load ${name}`, server: 'PostgreSQL' }) : error;
    }
    // Recorded last: a crash before this line leaves an orphan folder, removed at the next start.
    this.parts.catalog.update((data) => void (data.databases[name] = record));
  }

  async cloneDatabase(request: CloneDatabaseRequest): Promise<DatabaseInfo> {
    assertName('database', request.source, 'source');
    assertName('database', request.target, 'target');
    await this.exclusive(() => underNewName(this.reserveName, request.target, () => this.copyInto(request)));
    return this.describe(request.target);
  }

  private async copyInto(request: CloneDatabaseRequest): Promise<void> {
    this.recordOf(request.source);
    this.assertFree(request.target);
    const { layout, servers, cloner } = this.parts;
    const target = layout.database(request.target);
    if (request.from.kind === 'time')
      throw unsupported('The PostgreSQL engine clones from now or from a snapshot, not from a point in time.');
    if (request.from.kind === 'snapshot') {
      this.snapshotOfDatabase(request.from.snapshot, request.source);
      await cloner.copyTree(layout.snapshot(request.from.snapshot), target);
    } else {
      await servers.use(request.source, (server) => onlineCopy(server, target, cloner, this.parts.blank));
    }
    const record = this.keys.fresh({
      database: request.source,
      snapshot: request.from.kind === 'snapshot' ? request.from.snapshot : undefined,
    });
    try {
      await servers.use(request.target, (server) =>
        server.asSuperuser('postgres', (client) => client.query(renameDatabaseSql(request.source, request.target))),
      );
    } catch (error) {
      await this.forgetDirectory(request.target);
      throw error;
    }
    this.parts.catalog.update((data) => void (data.databases[request.target] = record));
  }

  async dropDatabase(name: string): Promise<DropDatabaseResult> {
    assertName('database', name);
    return this.exclusive(async () => {
      this.recordOf(name);
      const freedBytes = await predictFreedBytes(this.parts.layout, this.parts.catalog.current, this.parts.layout.database(name));
      await this.parts.servers.stop(name);
      this.parts.catalog.update((data) => void delete data.databases[name]);
      fs.rmSync(this.parts.layout.database(name), { recursive: true, force: true });
      return { freedBytes };
    });
  }

  async listSnapshots(): Promise<SnapshotInfo[]> {
    const { snapshots, databases } = this.parts.catalog.current;
    return Object.entries(snapshots)
      .map(([name, record]) => ({
        name,
        level: 'database' as const,
        database: record.database,
        createdAt: new Date(record.createdAt),
        pinnedBy: Object.keys(databases)
          .filter((database) => databases[database]!.origin?.snapshot === name)
          .sort(),
      }))
      .sort((left, right) => left.createdAt.getTime() - right.createdAt.getTime());
  }

  async createSnapshot(name: string, target: SnapshotTarget): Promise<SnapshotInfo> {
    assertName('snapshot', name);
    if (target.level !== 'database') throw unsupported(`The PostgreSQL engine takes database snapshots, not ${target.level} snapshots.`);
    assertName('database', target.database);
    await this.exclusive(async () => {
      this.recordOf(target.database);
      if (this.parts.catalog.current.snapshots[name]) throw conflict(`A snapshot named "${name}" already exists.`, 'snapshot');
      const dir = this.parts.layout.snapshot(name);
      await this.parts.servers.use(target.database, (server) => onlineCopy(server, dir, this.parts.cloner, this.parts.blank));
      this.parts.catalog.update((data) => void (data.snapshots[name] = { database: target.database, createdAt: new Date().toISOString() }));
    });
    return (await this.listSnapshots()).find((snapshot) => snapshot.name === name)!;
  }

  async dropSnapshot(name: string): Promise<DropSnapshotResult> {
    assertName('snapshot', name);
    return this.exclusive(async () => {
      if (!this.parts.catalog.current.snapshots[name]) throw notFound(`Snapshot "${name}" does not exist.`);
      const pinnedBy = (await this.listSnapshots()).find((snapshot) => snapshot.name === name)!.pinnedBy ?? [];
      const freedBytes = await predictFreedBytes(this.parts.layout, this.parts.catalog.current, this.parts.layout.snapshot(name));
      this.parts.catalog.update((data) => void delete data.snapshots[name]);
      fs.rmSync(this.parts.layout.snapshot(name), { recursive: true, force: true });
      return { freedBytes, pinnedBy };
    });
  }

  usage(): Promise<StorageUsage> {
    return measureUsage(this.parts.layout, this.parts.catalog.current);
  }

  async connectionInfo(database: string): Promise<ConnectionInfo> {
    this.recordOf(database);
    return frontDoorConnection(
      database,
      this.parts.publicAddress,
      'A PostgreSQL 18 server of its own: many sessions, COPY, pg_dump, cancel.',
    );
  }

  /** The console's path: the environment's own role (read-only when asked), never the superuser. */
  async query(database: string, sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    const credentials = this.credentialsOf(database, options.readOnly ? 'read-only' : 'read-write');
    return this.parts.servers.use(database, (server) =>
      runAsRole(server, database, credentials, sql, { maxRows: options.maxRows ?? 1_000, timeoutMs: this.parts.consoleTimeoutMs }),
    );
  }

  private readonly closers = {
    'before-servers': [] as Array<() => Promise<void> | void>,
    'after-servers': [] as Array<() => Promise<void> | void>,
  };

  /** Work for close: before the servers stop (the front door's clients go first) or after (their socket folders). */
  onClose(when: 'before-servers' | 'after-servers', closer: () => Promise<void> | void): void {
    this.closers[when].push(closer);
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    for (const closer of this.closers['before-servers']) await closer();
    await this.parts.servers.stopAll();
    for (const closer of this.closers['after-servers']) await closer();
  }

  /** Restore in place: the server restarts on a copy of the snapshot; its credentials stay. */
  private restoreDatabase(database: string, snapshot: string): Promise<void> {
    assertName('database', database);
    assertName('snapshot', snapshot);
    return this.exclusive(async () => {
      this.recordOf(database);
      this.snapshotOfDatabase(snapshot, database);
      const { layout, servers, cloner } = this.parts;
      fs.rmSync(layout.incoming(database), { recursive: true, force: true });
      await cloner.copyTree(layout.snapshot(snapshot), layout.incoming(database));
      await servers.stop(database);
      fs.renameSync(layout.database(database), layout.outgoing(database));
      fs.renameSync(layout.incoming(database), layout.database(database));
      fs.rmSync(layout.outgoing(database), { recursive: true, force: true });
    });
  }

  private async changeCredentials(database: string, change: (credentials: SealedCredentials) => SealedCredentials): Promise<void> {
    const current = this.recordOf(database).credentials;
    const changed = change(current);
    if (sameCredentials(changed, current)) return; // start-up tells every environment its validity again
    this.parts.catalog.update((data) => void (data.databases[database]!.credentials = changed));
  }

  private credentialsOf(database: string, access: 'read-write' | 'read-only'): { user: string; password: string } {
    return this.keys.reveal(this.recordOf(database), access);
  }

  /** The initial SQL runs as the environment's role, so what it creates belongs to the team. */
  private async load(server: PgServer, database: string, sql: string): Promise<void> {
    await server.asSuperuser(database, async (client) => {
      await client.query(`SET ROLE ${ROLES.readWrite}`);
      await client.query(sql);
      await client.query('RESET ROLE');
      await client.query(SETTLE_SQL);
      await client.query('CHECKPOINT');
    });
  }

  private async forgetDirectory(name: string): Promise<void> {
    await this.parts.servers.stop(name);
    fs.rmSync(this.parts.layout.database(name), { recursive: true, force: true });
  }

  private describe(name: string): DatabaseInfo {
    const record = this.parts.catalog.current.databases[name]!;
    return {
      name,
      createdAt: new Date(record.createdAt),
      origin: record.origin,
      running: this.parts.servers.isRunning(name),
      state: 'ready',
    };
  }

  private recordOf(name: string): DatabaseRecord {
    const record = this.parts.catalog.current.databases[name];
    if (!record) throw notFound(`Database "${name}" does not exist.`);
    return record;
  }

  private assertFree(name: string): void {
    if (this.parts.catalog.current.databases[name]) throw conflict(`A database named "${name}" already exists.`, 'database');
  }

  private snapshotOfDatabase(snapshot: string, database: string): void {
    const record = this.parts.catalog.current.snapshots[snapshot];
    if (!record) throw notFound(`Snapshot "${snapshot}" does not exist.`);
    if (record.database !== database) {
      throw validation(`Snapshot "${snapshot}" is of database "${record.database}", not "${database}".`, {
        snapshot: ['belongs to another database'],
      });
    }
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
