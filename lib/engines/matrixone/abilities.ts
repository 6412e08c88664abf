import type { EngineAbilities, TableRef } from '@/lib/engines/types';
import { databaseExists, connectedAccountOf, tableNamesOf } from './catalog';
import {
  assertAccountRestoreTarget,
  assertSnapshotCoversAccount,
  assertSnapshotCoversDatabase,
  assertSnapshotCoversTable,
  assertTableListed,
  findSnapshotOrThrow,
} from './checks';
import { listSnapshotsOf, runChecked, type MatrixOneContext } from './context';
import { dataBranchAbilities } from './branch';
import { pointInTimeAbility } from './pitr';
import { hasDataBranches } from './version';
import { cloneTableStatement, restoreAccountStatement, restoreDatabaseStatement, restoreTableStatement } from './statements';
import { notFound } from '@/lib/errors';

/**
 * MatrixOne's optional abilities: table clone, in-place restore of a database, a table
 * or an account, and PITR. Each builds its statement first (so invalid names fail before
 * any query), then checks the request against the server's catalog, then runs.
 */
export function matrixOneAbilities(context: MatrixOneContext): EngineAbilities {
  return {
    ...(hasDataBranches(context.version) ? dataBranchAbilities(context) : {}),
    tableClone: {
      async cloneTable(request) {
        const statement = cloneTableStatement(request);
        const { source, target, snapshot } = request;
        await runChecked(context, `clone table ${source.database}.${source.table}`, statement, async () => {
          if (snapshot !== undefined) {
            const found = findSnapshotOrThrow(await listSnapshotsOf(context), snapshot);
            assertSnapshotCoversTable(found, source.database, source.table, 'clone');
          }
          await assertTableAt(context, source, snapshot);
          if (!(await databaseExists(context, target.database))) throw notFound(`There is no database "${target.database}".`);
        });
      },
    },
    restore: {
      mode: 'in-place',
      async restoreDatabase(database, snapshotName) {
        const statement = restoreDatabaseStatement(database, snapshotName, context.account, context.grammar);
        await runChecked(context, `restore database ${database}`, statement, async () => {
          const snapshot = findSnapshotOrThrow(await listSnapshotsOf(context), snapshotName);
          // A database snapshot brings its own database back even after a DROP; any other
          // restore needs the database to be there.
          const recreates = snapshot.level === 'database' && snapshot.database === database;
          if (!recreates && !(await databaseExists(context, database))) throw notFound(`There is no database "${database}".`);
          assertSnapshotCoversDatabase(snapshot, database, 'restore', context.account);
        });
      },
    },
    tableRestore: {
      async restoreTable(table: TableRef, snapshotName: string) {
        const statement = restoreTableStatement(table, snapshotName, context.account, context.grammar);
        await runChecked(context, `restore table ${table.database}.${table.table}`, statement, async () => {
          const snapshot = findSnapshotOrThrow(await listSnapshotsOf(context), snapshotName);
          assertSnapshotCoversTable(snapshot, table.database, table.table, 'restore', context.account);
          await assertTableAt(context, table, snapshotName);
        });
      },
    },
    accountRestore: {
      async restoreAccount(account, snapshotName, toAccount) {
        const statement = restoreAccountStatement(account, snapshotName, toAccount, context.grammar);
        await runChecked(context, `restore account ${account}`, statement, async () => {
          assertAccountRestoreTarget(await connectedAccountOf(context), account, toAccount);
          const snapshot = findSnapshotOrThrow(await listSnapshotsOf(context), snapshotName);
          assertSnapshotCoversAccount(snapshot, account);
        });
      },
    },
    pointInTime: pointInTimeAbility(context),
  };
}

/**
 * The table must exist now, or at the snapshot. A table-level snapshot holds exactly its
 * table (checked against SHOW SNAPSHOTS) and MatrixOne cannot list a database at one.
 */
async function assertTableAt(context: MatrixOneContext, table: TableRef, snapshot: string | undefined): Promise<void> {
  if (snapshot !== undefined) {
    const found = (await listSnapshotsOf(context)).find((candidate) => candidate.name === snapshot);
    if (found?.level === 'table') return;
  }
  assertTableListed(await tableNamesOf(context, table.database, snapshot), table.database, table.table, snapshot);
}
