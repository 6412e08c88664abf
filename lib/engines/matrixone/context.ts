import { isAppError } from '@/lib/errors';
import type { SnapshotInfo, SqlStatement } from '@/lib/engines/types';
import { MATRIXONE_ERRNO, serverErrno } from './errors';
import type { MysqlRunner, MysqlTarget } from './pool';
import { snapshotFromRow } from './rows';
import type { MatrixOneVersion, RestoreGrammar } from './version';

/** What the engine's parts share: the pool, the detected version and the account restores name. */
export interface MatrixOneContext {
  readonly runner: MysqlRunner;
  readonly target: MysqlTarget;
  readonly version: MatrixOneVersion;
  readonly grammar: RestoreGrammar;
  /** The account restores apply to on 3.x (MATRIXONE_ACCOUNT, else `sys`). */
  readonly account: string;
}

/**
 * Clone, restore and snapshot statements copy no data but do wait on MatrixOne's catalog
 * transaction; they get a longer limit than ordinary queries.
 */
export const DDL_TIMEOUT_MS = 10 * 60_000;

export async function runStatement(context: MatrixOneContext, operation: string, statement: SqlStatement): Promise<void> {
  await context.runner.execute(operation, statement.sql, { timeoutMs: DDL_TIMEOUT_MS });
}

/**
 * Runs `statement` once `diagnose` found nothing wrong. MatrixOne reports most refusals
 * (unknown or duplicate snapshot, wrong level, another database's snapshot) only as its
 * generic error 20101; `diagnose` makes those checks against the server's catalog and throws
 * the precise error. After a 20101 it runs again, since the state may have changed between
 * the check and the statement; a 20101 it cannot explain stays CONFLICT (see errors.ts).
 */
export async function runChecked(
  context: MatrixOneContext,
  operation: string,
  statement: SqlStatement,
  diagnose: () => Promise<void>,
): Promise<void> {
  await diagnose();
  try {
    await runStatement(context, operation, statement);
  } catch (error) {
    if (isGenericMatrixOneError(error)) await diagnose();
    throw error;
  }
}

export async function listSnapshotsOf(context: MatrixOneContext): Promise<SnapshotInfo[]> {
  const rows = await context.runner.rows('list snapshots', 'SHOW SNAPSHOTS');
  return rows.map(snapshotFromRow);
}

/** True for MatrixOne's generic error 20101 (see errors.ts), the case the engine re-checks. */
export function isGenericMatrixOneError(error: unknown): boolean {
  return isAppError(error) && serverErrno(error.cause) === MATRIXONE_ERRNO.internal;
}

/** "MatrixOne 3.0.4 at host:6001", for messages and health. */
export function serverLabelOf(target: MysqlTarget, version?: MatrixOneVersion): string {
  const name = version ? `MatrixOne ${version.label}` : 'MatrixOne';
  return `${name} at ${target.host}:${target.port}`;
}
