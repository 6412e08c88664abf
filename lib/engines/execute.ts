import { unsupported } from '@/lib/errors';
import type { Engine, EngineOperation } from './types';

/**
 * The one place an EngineOperation becomes an engine call: the operation runner executes
 * plans through it and `clonedeck engine exec` runs parsed statements through it, so what
 * `dialect.describe(operation)` shows is what runs. Abilities an engine lacks are UNSUPPORTED.
 */
export async function executeEngineOperation(engine: Engine, operation: EngineOperation): Promise<unknown> {
  const { abilities } = engine;
  switch (operation.kind) {
    case 'createDatabase':
      return engine.createDatabase(operation.database);
    case 'createSnapshot':
      return engine.createSnapshot(operation.snapshot, operation.target);
    case 'dropSnapshot':
      return engine.dropSnapshot(operation.snapshot);
    case 'cloneDatabase':
      return engine.cloneDatabase(operation.request);
    case 'dropDatabase':
      return engine.dropDatabase(operation.database);
    case 'restoreDatabase':
      return need(abilities.restore, 'restore a database from a snapshot').restoreDatabase(operation.database, operation.snapshot);
    case 'cloneTable':
      return need(abilities.tableClone, 'clone a single table').cloneTable(operation.request);
    case 'restoreTable':
      return need(abilities.tableRestore, 'restore a single table').restoreTable(operation.table, operation.snapshot);
    case 'restoreAccount':
      return need(abilities.accountRestore, 'restore an account').restoreAccount(
        operation.account,
        operation.snapshot,
        operation.toAccount,
      );
    case 'createPitr':
      return need(abilities.pointInTime, 'keep point-in-time history').createPitr(operation.pitr, operation.database, operation.range);
    case 'dropPitr':
      return need(abilities.pointInTime, 'keep point-in-time history').dropPitr(operation.pitr);
    case 'restorePitr':
      return need(abilities.pointInTime, 'restore to a point in time').restoreDatabaseToTime(
        operation.database,
        operation.pitr,
        operation.at,
      );
    case 'rotateCredentials':
      return need(abilities.credentials, 'rotate per-environment credentials').rotate(operation.database);
    case 'setCredentialsValidUntil':
      return need(abilities.credentials, 'limit how long per-environment credentials are valid').setValidUntil(
        operation.database,
        operation.until === null ? null : new Date(operation.until),
      );
    case 'mergeTable':
    case 'diffTable':
      // A merge carries all its tables in one engine transaction, and a diff is a read: neither runs step by step.
      throw unsupported(`${operation.kind} runs through the engine's data-branch abilities, not as a single step.`);
  }
}

function need<Ability>(ability: Ability | undefined, what: string): Ability {
  if (!ability) throw unsupported(`This engine cannot ${what}.`);
  return ability;
}
