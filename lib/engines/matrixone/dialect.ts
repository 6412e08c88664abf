import { unsupported } from '@/lib/errors';
import type { EngineOperation, SqlDialect, SqlStatement } from '@/lib/engines/types';
import { diffTableStatement, mergeTableStatement } from './branch-statements';
import {
  cloneDatabaseStatement,
  cloneTableStatement,
  createDatabaseStatement,
  createPitrStatement,
  createSnapshotStatement,
  dropDatabaseStatement,
  dropPitrStatement,
  dropSnapshotStatement,
  restoreAccountStatement,
  restoreDatabaseStatement,
  restorePitrStatement,
  restoreTableStatement,
} from './statements';
import {
  LATEST_KNOWN_MATRIXONE_VERSION,
  assertCloneSupported,
  hasDataBranches,
  parseMatrixOneVersion,
  restoreGrammarFor,
  type MatrixOneVersion,
  type RestoreGrammar,
} from './version';

export { DEFAULT_MATRIXONE_ACCOUNT } from './statements';

const NO_DATA_BRANCHES = 'Data branches (DATA BRANCH DIFF … OUTPUT SUMMARY, MERGE) need MatrixOne 3.0.9 or later.';

/**
 * MatrixOne's SQL for every contract operation, for one server version. Pure: the same
 * builders produce what the engine runs and what the UI and `clonedeck sql` show.
 * `version` defaults to the newest grammar known (LATEST_KNOWN_MATRIXONE_VERSION); a
 * version before 3.0 (no CLONE) is refused with UNSUPPORTED.
 */
export function matrixOneDialect(version?: string | MatrixOneVersion): SqlDialect {
  const parsed = typeof version === 'object' ? version : parseMatrixOneVersion(version ?? LATEST_KNOWN_MATRIXONE_VERSION);
  assertCloneSupported(parsed);
  const grammar = restoreGrammarFor(parsed);
  return {
    engine: 'matrixone',
    serverVersion: `${parsed.major}.${parsed.minor}`,
    describe: (operation) => [describeOperation(operation, grammar, hasDataBranches(parsed))],
  };
}

function describeOperation(operation: EngineOperation, grammar: RestoreGrammar, dataBranches: boolean): SqlStatement {
  switch (operation.kind) {
    case 'createDatabase':
      return createDatabaseStatement(operation.database);
    case 'createSnapshot':
      return createSnapshotStatement(operation.snapshot, operation.target);
    case 'dropSnapshot':
      return dropSnapshotStatement(operation.snapshot);
    case 'cloneDatabase':
      return cloneDatabaseStatement(operation.request);
    case 'cloneTable':
      return cloneTableStatement(operation.request);
    case 'restoreDatabase':
      return restoreDatabaseStatement(operation.database, operation.snapshot, operation.account, grammar);
    case 'restoreTable':
      return restoreTableStatement(operation.table, operation.snapshot, operation.account, grammar);
    case 'restoreAccount':
      return restoreAccountStatement(operation.account, operation.snapshot, operation.toAccount, grammar);
    case 'dropDatabase':
      return dropDatabaseStatement(operation.database);
    case 'createPitr':
      return createPitrStatement(operation.pitr, operation.database, operation.range);
    case 'dropPitr':
      return dropPitrStatement(operation.pitr);
    case 'restorePitr':
      return restorePitrStatement(operation.database, operation.pitr, operation.at);
    case 'diffTable':
      if (!dataBranches) throw unsupported(NO_DATA_BRANCHES);
      return diffTableStatement(operation.table, operation.against, operation.output);
    case 'mergeTable':
      if (!dataBranches) throw unsupported(NO_DATA_BRANCHES);
      return mergeTableStatement(operation.source, operation.target, operation.onConflict);
    case 'rotateCredentials':
    case 'setCredentialsValidUntil':
      throw unsupported('Clonedeck keeps no per-environment credentials on MatrixOne: manage its users in the cluster.');
  }
}
