/**
 * The clone/snapshot contract every engine implements, in the words of MatrixOne's SDK
 * (CloneManager, SnapshotManager, RestoreManager): databases, snapshots with a level,
 * clone database / table, restore, drop, plus storage usage and connection info.
 *
 * Optional abilities live under `abilities` as optional members, so code must narrow
 * (`if (engine.abilities.tableClone) …`) before it can call them: an engine that cannot
 * clone a table has no method to call, rather than a method that throws.
 *
 * Every operation can also be described as the engine's own SQL (`dialect.describe`),
 * without connecting: that is what the UI shows as "the equivalent SQL".
 */

import type { DataDiffAbility, DataMergeAbility, DiffBase, DiffOutput, MergeConflictChoice } from './branch-types';

export type * from './branch-types';

export type EngineKind = 'embedded' | 'postgres' | 'matrixone' | 'yugabyte';

/** Snapshot levels, as MatrixOne names them. */
export type SnapshotLevel = 'cluster' | 'account' | 'database' | 'table';

export interface TableRef {
  database: string;
  table: string;
}

export type SnapshotTarget =
  | { level: 'cluster' }
  | { level: 'account'; account?: string }
  | { level: 'database'; database: string }
  | { level: 'table'; database: string; table: string };

export interface SnapshotInfo {
  name: string;
  level: SnapshotLevel;
  createdAt: Date;
  account?: string;
  database?: string;
  table?: string;
  /**
   * Databases that still stand on this snapshot's data (clones made from it). Only
   * engines with delta accounting know; others leave it undefined.
   */
  pinnedBy?: string[];
  /**
   * Until when the snapshot can still be cloned or restored from, for engines whose
   * snapshots are points in a bounded history (YugabyteDB: the snapshot schedule's
   * retention). Undefined where snapshots last until dropped.
   */
  usableUntil?: Date;
}

export interface DatabaseInfo {
  name: string;
  createdAt?: Date;
  /** Where the database came from, when the engine records it. */
  origin?: { database: string; snapshot?: string };
  /** Embedded engine: an instance is running for it right now. */
  running?: boolean;
  /** Engines whose clones complete asynchronously (YugabyteDB) report progress here. */
  state?: 'ready' | 'cloning' | 'failed';
}

/** Where a clone is taken from: the source as it is now, a named snapshot, or a point in time. */
export type CloneFrom = { kind: 'now' } | { kind: 'snapshot'; snapshot: string } | { kind: 'time'; unixMicros: bigint };

export interface CloneDatabaseRequest {
  source: string;
  target: string;
  from: CloneFrom;
}

export interface CloneTableRequest {
  source: TableRef;
  target: TableRef;
  snapshot?: string;
}

export interface DropSnapshotResult {
  /** Bytes freed on disk (null when the engine cannot tell). */
  freedBytes: number | null;
  /** Databases still standing on the snapshot's data, which therefore stays on disk. */
  pinnedBy: string[];
}

export interface DropDatabaseResult {
  freedBytes: number | null;
}

export interface DatabaseUsage {
  database: string;
  /** Bytes the database sees: what a full copy of it would store. */
  logicalBytes: number;
  /** Bytes only this database references (its delta); null where the engine cannot tell. */
  ownBytes: number | null;
  /** Bytes this database shares with other databases or snapshots; null where unknown. */
  sharedBytes: number | null;
  /**
   * Bytes dropping this database together with the snapshots taken of it would give back
   * now (what dropping its environment frees, since that drops its snapshots too): its own
   * bytes plus whatever only it and those snapshots hold. Null where unknown.
   */
  freedIfDroppedBytes: number | null;
  /** Bytes kept only because of the snapshots taken of it: what dropping those snapshots alone would give back. */
  pinnedBytes: number | null;
}

export interface SnapshotUsage {
  snapshot: string;
  /** Bytes kept on disk only because of snapshots (no database references them); null where unknown. */
  pinnedBytes: number | null;
  /** Bytes dropping this snapshot alone would give back now; null where unknown. */
  freedIfDroppedBytes: number | null;
}

export interface StorageUsage {
  measuredAt: Date;
  /** True when `ownBytes` / `sharedBytes` / `physicalBytes` are measured, false when the engine does not report them. */
  deltaAccounting: boolean;
  /** Bytes really stored on disk by the engine; null where the engine cannot tell. */
  physicalBytes: number | null;
  /** Sum of the databases' logical bytes. */
  logicalBytes: number;
  databases: DatabaseUsage[];
  snapshots: SnapshotUsage[];
  /** What a reader must know about these figures (e.g. that the engine updates them late). */
  notes?: string[];
}

export interface ConnectionInfo {
  protocol: 'postgres' | 'mysql';
  host: string;
  port: number;
  user: string;
  database: string;
  /** A URL with the password masked (`***`) if there is one. */
  url: string;
  /** A ready-to-paste client command (psql or mysql). */
  command: string;
  /** What a user must know about connecting (e.g. the embedded engine's shared session). */
  notes: string[];
  /** Engines with per-environment credentials: what this user's role may do. */
  access?: ConnectionAccess;
  /** Only when revealed on purpose: the password (the URL then carries it too). */
  password?: string;
}

export interface QueryOptions {
  readOnly?: boolean;
  /** Rows returned at most; the result says when more were cut. */
  maxRows?: number;
}

export interface QueryResult {
  command: string;
  columns: string[];
  rows: unknown[][];
  rowCount: number;
  truncated: boolean;
}

export interface EngineHealth {
  ok: boolean;
  /** Engine and server version as reported, e.g. "MatrixOne 3.0.4". */
  version?: string;
  latencyMs?: number;
  message?: string;
}

/** Engine operations as data: what `dialect.describe` renders and the CLI's `sql` command prints. */
export type EngineOperation =
  | { kind: 'createDatabase'; database: string }
  | { kind: 'createSnapshot'; snapshot: string; target: SnapshotTarget }
  | { kind: 'dropSnapshot'; snapshot: string }
  | { kind: 'cloneDatabase'; request: CloneDatabaseRequest }
  | { kind: 'cloneTable'; request: CloneTableRequest }
  | { kind: 'restoreDatabase'; database: string; snapshot: string; account?: string }
  | { kind: 'restoreTable'; table: TableRef; snapshot: string; account?: string }
  | { kind: 'restoreAccount'; account: string; snapshot: string; toAccount?: string }
  | { kind: 'dropDatabase'; database: string }
  | { kind: 'createPitr'; pitr: string; database: string; range: PitrRange }
  | { kind: 'dropPitr'; pitr: string }
  | { kind: 'rotateCredentials'; database: string }
  /** `until`: an ISO 8601 instant, or null for credentials valid with no end. */
  | { kind: 'setCredentialsValidUntil'; database: string; until: string | null }
  | { kind: 'restorePitr'; database: string; pitr: string; at: string }
  | { kind: 'diffTable'; table: TableRef; against: DiffBase; output: DiffOutput }
  | { kind: 'mergeTable'; source: TableRef; target: TableRef; onConflict: MergeConflictChoice };

export type OperationKind = EngineOperation['kind'];

export interface PitrRange {
  value: number;
  unit: 'h' | 'd' | 'mo' | 'y';
}

export interface SqlStatement {
  sql: string;
  /** Why this statement is there, shown as a comment. */
  comment?: string;
}

/** Renders operations as the engine's own SQL, without connecting. Pure and version-aware. */
export interface SqlDialect {
  readonly engine: EngineKind;
  /** The server version the text is written for, e.g. "3.0" or "4.1"; undefined when it does not matter. */
  readonly serverVersion?: string;
  /**
   * The statements that carry out `operation`. Throws an AppError: VALIDATION for an
   * invalid name, UNSUPPORTED for an operation this engine or version cannot do.
   */
  describe(operation: EngineOperation): SqlStatement[];
}

// ---------------------------------------------------------------------------
// Optional abilities. Present only on engines that have them.

export interface TableCloneAbility {
  cloneTable(request: CloneTableRequest): Promise<void>;
}

export interface RestoreAbility {
  /**
   * `in-place`: the engine rewinds the database itself (embedded, MatrixOne).
   * `clone-and-swap`: the engine clones the point aside, checks it, then swaps names (YugabyteDB).
   */
  readonly mode: 'in-place' | 'clone-and-swap';
  /** Engines that keep the replaced database aside (clone-and-swap) say where it went. */
  restoreDatabase(database: string, snapshot: string): Promise<RestoreResult | void>;
}

/** What a restore left behind for the user to know about. */
export interface RestoreResult {
  /** clone-and-swap: the name the database as it was before the restore now has (kept until dropped by hand). */
  previousDatabase?: string;
}

export interface TableRestoreAbility {
  restoreTable(table: TableRef, snapshot: string): Promise<void>;
}

export interface AccountRestoreAbility {
  restoreAccount(account: string, snapshot: string, toAccount?: string): Promise<void>;
}

export interface PitrInfo {
  name: string;
  database?: string;
  level: SnapshotLevel;
  range: PitrRange;
  createdAt?: Date;
}

export interface PointInTimeAbility {
  createPitr(pitr: string, database: string, range: PitrRange): Promise<void>;
  listPitrs(): Promise<PitrInfo[]>;
  dropPitr(pitr: string): Promise<void>;
  /** `at` is 'YYYY-MM-DD HH:MM:SS' in the server's local time. */
  restoreDatabaseToTime(database: string, pitr: string, at: string): Promise<void>;
  /** The server's clock now, written as `restoreDatabaseToTime` takes it (its zone is the server's, not the browser's). */
  serverTime(): Promise<string>;
}

/** Who connects as what: the environment's own roles and passwords. */
export type ConnectionAccess = 'read-write' | 'read-only';

export interface CredentialsAbility {
  /**
   * The user and password a client connects with. `read-only` is a role the server itself
   * keeps from writing (not a wrapped statement).
   */
  reveal(database: string, access: ConnectionAccess): Promise<{ user: string; password: string }>;
  /** New passwords for both roles; existing sessions stay, new ones need the new password. Their validity stays. */
  rotate(database: string): Promise<void>;
  /**
   * PostgreSQL's VALID UNTIL for both roles: from `until` on, the front door refuses every
   * login as it refuses a wrong password (28P01), and logs that the environment expired.
   * null: valid with no end. Open sessions stay, as in PostgreSQL.
   */
  setValidUntil(database: string, until: Date | null): Promise<void>;
}

/** One client session of an environment, as its server sees it. */
export interface SessionInfo {
  /** The server's id for it (a backend pid), what `end` takes. */
  id: string;
  user: string;
  /** Where the client connected from (through the front door), when known. */
  address: string | null;
  since: Date;
  /** active, idle, idle in transaction, … */
  state: string;
  /** The current (or last) statement, shortened. */
  query: string | null;
  /** Since when it has been in its state. */
  stateSince: Date | null;
  /** What it waits for right now (a lock, I/O, the client), if anything. */
  waitingFor: string | null;
}

export interface SessionsAbility {
  /** The connected client sessions (none when the environment's server is not running). */
  list(database: string): Promise<SessionInfo[]>;
  /** Ends one session (its open transaction rolls back); false when it was already gone. */
  end(database: string, id: string): Promise<boolean>;
}

export interface EngineAbilities {
  credentials?: CredentialsAbility;
  sessions?: SessionsAbility;
  dataDiff?: DataDiffAbility;
  dataMerge?: DataMergeAbility;
  tableClone?: TableCloneAbility;
  restore?: RestoreAbility;
  tableRestore?: TableRestoreAbility;
  accountRestore?: AccountRestoreAbility;
  pointInTime?: PointInTimeAbility;
}

export interface CreateDatabaseOptions {
  /** SQL run in the new database once created (e.g. the contents of a .sql file). */
  initialSql?: string;
}

/** The core every engine has. */
export interface Engine {
  readonly kind: EngineKind;
  /** A label for the UI, e.g. "Embedded (PGlite copy-on-write)". */
  readonly label: string;
  readonly dialect: SqlDialect;
  readonly abilities: EngineAbilities;
  /** Snapshot levels this engine can create. */
  readonly snapshotLevels: readonly SnapshotLevel[];
  /** True when usage reports per-database deltas (own / shared bytes) and physical bytes. */
  readonly deltaAccounting: boolean;
  /** True when a clone "now" is asynchronous underneath and may report `state: 'cloning'`. */
  readonly asyncClone: boolean;
  /** Console statements stop after this long (the UI says so); absent when the engine sets no limit. */
  readonly consoleTimeoutMs?: number;

  health(): Promise<EngineHealth>;
  listDatabases(): Promise<DatabaseInfo[]>;
  getDatabase(name: string): Promise<DatabaseInfo | null>;
  createDatabase(name: string, options?: CreateDatabaseOptions): Promise<DatabaseInfo>;
  cloneDatabase(request: CloneDatabaseRequest): Promise<DatabaseInfo>;
  dropDatabase(name: string): Promise<DropDatabaseResult>;
  listSnapshots(): Promise<SnapshotInfo[]>;
  createSnapshot(name: string, target: SnapshotTarget): Promise<SnapshotInfo>;
  dropSnapshot(name: string): Promise<DropSnapshotResult>;
  usage(): Promise<StorageUsage>;
  connectionInfo(database: string): Promise<ConnectionInfo>;
  query(database: string, sql: string, options?: QueryOptions): Promise<QueryResult>;
  close(): Promise<void>;
}

/** A flat, serialisable summary of what an engine can do, for the UI and the README table. */
export interface CapabilitySummary {
  kind: EngineKind;
  label: string;
  snapshotLevels: SnapshotLevel[];
  tableClone: boolean;
  restore: RestoreAbility['mode'] | false;
  tableRestore: boolean;
  accountRestore: boolean;
  pointInTime: boolean;
  /** Row-level diff between a database and a snapshot or another database. */
  dataDiff: boolean;
  /** Row-level merge of one database's tables into another's. */
  dataMerge: boolean;
  deltaAccounting: boolean;
  asyncClone: boolean;
  /** Per-environment credentials that can be revealed and rotated, refused once the environment expired. */
  credentials: boolean;
  /** Who is connected can be listed, and a session ended. */
  sessions: boolean;
}

export function summarizeCapabilities(engine: Engine): CapabilitySummary {
  return {
    kind: engine.kind,
    label: engine.label,
    snapshotLevels: [...engine.snapshotLevels],
    tableClone: Boolean(engine.abilities.tableClone),
    restore: engine.abilities.restore?.mode ?? false,
    tableRestore: Boolean(engine.abilities.tableRestore),
    accountRestore: Boolean(engine.abilities.accountRestore),
    pointInTime: Boolean(engine.abilities.pointInTime),
    dataDiff: Boolean(engine.abilities.dataDiff),
    dataMerge: Boolean(engine.abilities.dataMerge),
    deltaAccounting: engine.deltaAccounting,
    asyncClone: engine.asyncClone,
    credentials: Boolean(engine.abilities.credentials),
    sessions: Boolean(engine.abilities.sessions),
  };
}
