import type { CloneDatabaseRequest, EngineOperation, SqlDialect, SqlStatement } from '@/lib/engines/types';
import { restoreNames } from './names';
import {
  SNAPSHOT_MICROS_VARIABLE,
  TABLE_LIST_SQL,
  cloneStatement,
  cloneStatusStatement,
  createDatabaseStatement,
  dropDatabaseStatements,
  dropSnapshotStatement,
  moveSnapshotsStatement,
  notOnYugabyte,
  recordSnapshotStatement,
  renameDatabaseStatement,
  snapshotDatabaseOf,
  snapshotLookupStatement,
  terminateSessionsStatement,
} from './statements';

export interface YugabyteDialectOptions {
  /** The clock restore names are stamped with (tests fix it). */
  now?: () => Date;
}

/**
 * YugabyteDB's SQL for the contract operations it can do: databases, named points in
 * time, clones (now, at a snapshot, at a time) and restore as clone-and-swap. The
 * version is recorded for display; the statements are the same on every release with
 * database clone.
 */
export function yugabyteDialect(version?: string, options: YugabyteDialectOptions = {}): SqlDialect {
  const now = options.now ?? (() => new Date());
  return {
    engine: 'yugabyte',
    serverVersion: version,
    describe: (operation) => describeOperation(operation, now),
  };
}

function describeOperation(operation: EngineOperation, now: () => Date): SqlStatement[] {
  switch (operation.kind) {
    case 'createDatabase':
      return [createDatabaseStatement(operation.database)];
    case 'createSnapshot':
      return [recordSnapshotStatement(operation.snapshot, snapshotDatabaseOf(operation.target))];
    case 'dropSnapshot':
      return [dropSnapshotStatement(operation.snapshot)];
    case 'cloneDatabase':
      return describeClone(operation.request);
    case 'restoreDatabase':
      if (operation.account !== undefined) notOnYugabyte('restore into an account', 'it has no accounts: leave --account out.');
      return describeRestore(operation.database, operation.snapshot, now());
    case 'dropDatabase':
      return dropDatabaseStatements(operation.database);
    case 'cloneTable':
      return notOnYugabyte('clone a single table', 'clone the whole database instead.');
    case 'restoreTable':
      return notOnYugabyte('restore a single table', 'clone the database at the snapshot and copy the table back.');
    case 'restoreAccount':
      return notOnYugabyte('restore an account', 'it has no accounts.');
    case 'createPitr':
    case 'dropPitr':
    case 'restorePitr':
      return notOnYugabyte('manage PITR objects in SQL', 'clone AS OF a time within the snapshot schedule instead (clone --at).');
    case 'diffTable':
    case 'mergeTable':
      return notOnYugabyte('diff or merge rows between databases', 'compare them with a query of your own.');
    case 'rotateCredentials':
    case 'setCredentialsValidUntil':
      return notOnYugabyte('keep per-environment credentials', 'manage its roles in the cluster.');
  }
}

function describeClone(request: CloneDatabaseRequest): SqlStatement[] {
  const status = cloneStatusStatement(request.target);
  switch (request.from.kind) {
    case 'now':
      return [cloneStatement(request.target, request.source), status];
    case 'time':
      return [cloneStatement(request.target, request.source, request.from.unixMicros), status];
    case 'snapshot':
      return [
        snapshotLookupStatement(request.from.snapshot, request.source),
        cloneStatement(request.target, request.source, SNAPSHOT_MICROS_VARIABLE),
        status,
      ];
  }
}

function describeRestore(database: string, snapshot: string, now: Date): SqlStatement[] {
  const names = restoreNames(database, now);
  const clone = cloneStatement(names.staging, database, SNAPSHOT_MICROS_VARIABLE);
  return [
    snapshotLookupStatement(snapshot, database),
    { ...clone, comment: 'Restore is clone-and-swap: first the database as it was, under a staging name.' },
    cloneStatusStatement(names.staging),
    {
      sql: TABLE_LIST_SQL,
      comment: `Run in ${names.staging}: Clonedeck checks it connects and lists the tables recorded with the snapshot.`,
    },
    terminateSessionsStatement(database),
    { ...renameDatabaseStatement(database, names.previous), comment: `The current database is kept as ${names.previous}.` },
    renameDatabaseStatement(names.staging, database),
    moveSnapshotsStatement(database, names.previous),
  ];
}
