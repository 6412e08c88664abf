import { notFound, validation } from '@/lib/errors';
import type { SnapshotInfo } from '@/lib/engines/types';

/**
 * Checks MatrixOne would make itself but report only as a generic error 20101 with a
 * message: made here, against SHOW SNAPSHOTS, they give the user a clear code and text.
 * Pure functions of the snapshot list.
 */

export function findSnapshotOrThrow(snapshots: readonly SnapshotInfo[], name: string): SnapshotInfo {
  const found = snapshots.find((snapshot) => snapshot.name === name);
  if (!found) throw notFound(`There is no snapshot "${name}".`);
  return found;
}

function refuse(message: string): never {
  throw validation(message, { snapshot: [message] });
}

function assertSameAccount(snapshot: SnapshotInfo, account: string | undefined): void {
  if (account !== undefined && snapshot.account !== undefined && snapshot.account !== account) {
    refuse(`Snapshot "${snapshot.name}" belongs to account "${snapshot.account}", not "${account}".`);
  }
}

/** A snapshot a database can be restored from, or cloned from: it must cover that database. */
export function assertSnapshotCoversDatabase(
  snapshot: SnapshotInfo,
  database: string,
  purpose: 'restore' | 'clone',
  account?: string,
): void {
  if (snapshot.level === 'table') {
    refuse(`Snapshot "${snapshot.name}" holds only table ${snapshot.database}.${snapshot.table}; ${purpose} database "${database}" needs a database or account snapshot.`);
  }
  if (snapshot.level === 'cluster' && purpose === 'restore') {
    refuse(`Snapshot "${snapshot.name}" is a cluster snapshot: MatrixOne restores a database only from a database or account snapshot.`);
  }
  if (snapshot.level === 'database' && snapshot.database !== database) {
    refuse(`Snapshot "${snapshot.name}" was taken of database "${snapshot.database}", not "${database}".`);
  }
  assertSameAccount(snapshot, account);
}

/** A snapshot a table can be restored or cloned from: it must contain that table. */
export function assertSnapshotCoversTable(
  snapshot: SnapshotInfo,
  database: string,
  table: string,
  purpose: 'restore' | 'clone',
  account?: string,
): void {
  if (snapshot.level === 'cluster' && purpose === 'restore') {
    refuse(`Snapshot "${snapshot.name}" is a cluster snapshot: MatrixOne restores a table only from an account, database or table snapshot.`);
  }
  if ((snapshot.level === 'database' || snapshot.level === 'table') && snapshot.database !== database) {
    refuse(`Snapshot "${snapshot.name}" was taken of database "${snapshot.database}", not "${database}".`);
  }
  if (snapshot.level === 'table' && snapshot.table !== table) {
    refuse(`Snapshot "${snapshot.name}" holds table ${snapshot.database}.${snapshot.table}, not ${database}.${table}.`);
  }
  assertSameAccount(snapshot, account);
}

/** An account restore needs an account or cluster snapshot. */
export function assertSnapshotCoversAccount(snapshot: SnapshotInfo, account: string): void {
  if (snapshot.level === 'database' || snapshot.level === 'table') {
    refuse(`Snapshot "${snapshot.name}" is a ${snapshot.level} snapshot; restoring account "${account}" needs an account or cluster snapshot.`);
  }
  if (snapshot.level === 'account') assertSameAccount(snapshot, account);
}
