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
    refuse(
      `Snapshot "${snapshot.name}" holds only table ${snapshot.database}.${snapshot.table}; ${purpose} database "${database}" needs a database or account snapshot.`,
    );
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
    refuse(
      `Snapshot "${snapshot.name}" is a cluster snapshot: MatrixOne restores a table only from an account, database or table snapshot.`,
    );
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
    refuse(
      `Snapshot "${snapshot.name}" is a ${snapshot.level} snapshot; restoring account "${account}" needs an account or cluster snapshot.`,
    );
  }
  if (snapshot.level === 'account') assertSameAccount(snapshot, account);
}

/**
 * `tables` is the database's table list now or at a snapshot (null: no such database then).
 * MatrixOne answers a missing source table of CLONE with errno 1064 (a "parse error") and a
 * missing table in RESTORE TABLE with 20101, so the check is made here.
 */
export function assertTableListed(tables: readonly string[] | null, database: string, table: string, snapshot?: string): void {
  const when = snapshot === undefined ? '' : ` at snapshot "${snapshot}"`;
  if (tables === null) throw notFound(`There was no database "${database}"${when}.`);
  if (!tables.includes(table)) throw notFound(`There was no table ${database}.${table}${when}.`);
}

/**
 * MatrixOne honours `TO ACCOUNT` only when sys restores another account: for the sys account
 * itself, or from any other account, it silently restores the source account in place
 * (seen on main, 7c27538f5a: `RESTORE ACCOUNT sys {SNAPSHOT = …} TO ACCOUNT acc2` rewound sys).
 */
export function assertAccountRestoreTarget(connectedAccount: string, account: string, toAccount: string | undefined): void {
  if (toAccount === undefined || toAccount === account) return;
  if (account === 'sys') refuse(`MatrixOne restores the sys account only in place; it cannot restore it into "${toAccount}".`);
  if (connectedAccount !== 'sys')
    refuse(`Only the sys account can restore into another account; Clonedeck is connected as "${connectedAccount}".`);
}
