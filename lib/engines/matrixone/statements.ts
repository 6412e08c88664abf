import { unsupported } from '@/lib/errors';
import { assertName, quoteMysqlIdent as ident, quoteSqlString as text } from '@/lib/engines/names';
import type { CloneDatabaseRequest, CloneTableRequest, PitrRange, SnapshotTarget, SqlStatement, TableRef } from '@/lib/engines/types';
import { assertPitrName, assertPitrRange, assertServerLocalTime, assertSnapshotName, assertUserDatabase } from './rules';
import type { RestoreGrammar } from './version';

/**
 * MatrixOne statement builders. Pure: each validates the names it is given (AppError
 * VALIDATION) and quotes them; the engine runs exactly what the dialect describes.
 */

/** The account restores name on MatrixOne 3.x when none is configured. */
export const DEFAULT_MATRIXONE_ACCOUNT = 'sys';

export function createDatabaseStatement(database: string): SqlStatement {
  assertUserDatabase(database);
  return { sql: `CREATE DATABASE ${ident(database)}` };
}

export function dropDatabaseStatement(database: string): SqlStatement {
  assertUserDatabase(database);
  return { sql: `DROP DATABASE ${ident(database)}` };
}

export function dropSnapshotStatement(snapshot: string): SqlStatement {
  assertSnapshotName(snapshot);
  return { sql: `DROP SNAPSHOT ${ident(snapshot)}` };
}

export function dropPitrStatement(pitr: string): SqlStatement {
  assertPitrName(pitr);
  return { sql: `DROP PITR ${ident(pitr)}` };
}

/** The `{SNAPSHOT = 's'}` hint that follows a source name (clone, 4.x restore, time-travel reads). */
const snapshotHint = (snapshot: string) => `{SNAPSHOT = ${text(snapshot)}}`;

export function createSnapshotStatement(snapshot: string, target: SnapshotTarget): SqlStatement {
  assertSnapshotName(snapshot);
  const name = ident(snapshot);
  switch (target.level) {
    case 'cluster':
      return { sql: `CREATE SNAPSHOT ${name} FOR CLUSTER`, comment: 'Cluster snapshots need the sys account.' };
    case 'account':
      if (target.account === undefined) return { sql: `CREATE SNAPSHOT ${name} FOR ACCOUNT` };
      assertName('account', target.account);
      return { sql: `CREATE SNAPSHOT ${name} FOR ACCOUNT ${ident(target.account)}` };
    case 'database':
      assertUserDatabase(target.database);
      return { sql: `CREATE SNAPSHOT ${name} FOR DATABASE ${ident(target.database)}` };
    case 'table':
      assertUserDatabase(target.database);
      assertName('table', target.table);
      // MatrixOne separates the database and the table with a space here, not a dot.
      return { sql: `CREATE SNAPSHOT ${name} FOR TABLE ${ident(target.database)} ${ident(target.table)}` };
  }
}

export function cloneDatabaseStatement(request: CloneDatabaseRequest): SqlStatement {
  assertUserDatabase(request.source, 'source');
  assertUserDatabase(request.target, 'target');
  const head = `CREATE DATABASE ${ident(request.target)} CLONE ${ident(request.source)}`;
  switch (request.from.kind) {
    case 'now':
      return { sql: head };
    case 'snapshot':
      assertSnapshotName(request.from.snapshot);
      return { sql: `${head} ${snapshotHint(request.from.snapshot)}` };
    case 'time':
      throw unsupported('MatrixOne clones from now or from a named snapshot; for an earlier time, restore from a PITR instead.');
  }
}

function qualifiedTable(table: TableRef, field: string): string {
  assertUserDatabase(table.database, field);
  assertName('table', table.table, field);
  return `${ident(table.database)}.${ident(table.table)}`;
}

export function cloneTableStatement(request: CloneTableRequest): SqlStatement {
  const source = qualifiedTable(request.source, 'source');
  const target = qualifiedTable(request.target, 'target');
  if (request.snapshot === undefined) return { sql: `CREATE TABLE ${target} CLONE ${source}` };
  assertSnapshotName(request.snapshot);
  return { sql: `CREATE TABLE ${target} CLONE ${source} ${snapshotHint(request.snapshot)}` };
}

const FOUR_X_ACCOUNT_NOTE = 'MatrixOne 4.x restores into the connected account, which must own the snapshot.';

export function restoreDatabaseStatement(
  database: string,
  snapshot: string,
  account: string | undefined,
  grammar: RestoreGrammar,
): SqlStatement {
  assertUserDatabase(database);
  assertSnapshotName(snapshot);
  const owner = account ?? DEFAULT_MATRIXONE_ACCOUNT;
  assertName('account', owner);
  if (grammar === 'snapshot-hint') {
    return { sql: `RESTORE DATABASE ${ident(database)} ${snapshotHint(snapshot)}`, comment: FOUR_X_ACCOUNT_NOTE };
  }
  return { sql: `RESTORE ACCOUNT ${ident(owner)} DATABASE ${ident(database)} FROM SNAPSHOT ${ident(snapshot)}` };
}

export function restoreTableStatement(
  table: TableRef,
  snapshot: string,
  account: string | undefined,
  grammar: RestoreGrammar,
): SqlStatement {
  const qualified = qualifiedTable(table, 'table');
  assertSnapshotName(snapshot);
  const owner = account ?? DEFAULT_MATRIXONE_ACCOUNT;
  assertName('account', owner);
  if (grammar === 'snapshot-hint') {
    return { sql: `RESTORE TABLE ${qualified} ${snapshotHint(snapshot)}`, comment: FOUR_X_ACCOUNT_NOTE };
  }
  const parts = `DATABASE ${ident(table.database)} TABLE ${ident(table.table)}`;
  return { sql: `RESTORE ACCOUNT ${ident(owner)} ${parts} FROM SNAPSHOT ${ident(snapshot)}` };
}

export function restoreAccountStatement(
  account: string,
  snapshot: string,
  toAccount: string | undefined,
  grammar: RestoreGrammar,
): SqlStatement {
  assertName('account', account);
  assertSnapshotName(snapshot);
  if (toAccount !== undefined) assertName('account', toAccount, 'toAccount');
  const destination = toAccount === undefined ? '' : ` TO ACCOUNT ${ident(toAccount)}`;
  const source = grammar === 'snapshot-hint' ? `${snapshotHint(snapshot)}` : `FROM SNAPSHOT ${ident(snapshot)}`;
  return { sql: `RESTORE ACCOUNT ${ident(account)} ${source}${destination}` };
}

export function createPitrStatement(pitr: string, database: string, range: PitrRange): SqlStatement {
  assertPitrName(pitr);
  assertUserDatabase(database);
  assertPitrRange(range);
  return { sql: `CREATE PITR ${ident(pitr)} FOR DATABASE ${ident(database)} RANGE ${range.value} ${text(range.unit)}` };
}

export function restorePitrStatement(database: string, pitr: string, at: string): SqlStatement {
  assertUserDatabase(database);
  assertPitrName(pitr);
  assertServerLocalTime(at);
  return {
    sql: `RESTORE DATABASE ${ident(database)} FROM PITR ${ident(pitr)} ${text(at)}`,
    comment: 'The time is read in the server’s local time zone.',
  };
}
