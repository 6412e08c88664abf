import type { EngineAbilities, PitrInfo, PitrRange, TableRef } from '@/lib/engines/types';
import { findSnapshotOrThrow, assertSnapshotCoversAccount, assertSnapshotCoversDatabase, assertSnapshotCoversTable } from './checks';
import { listSnapshotsOf, runStatement, type MatrixOneContext } from './context';
import { pitrFromRow } from './rows';
import {
  cloneTableStatement,
  createPitrStatement,
  dropPitrStatement,
  restoreAccountStatement,
  restoreDatabaseStatement,
  restorePitrStatement,
  restoreTableStatement,
} from './statements';

/**
 * MatrixOne's optional abilities: table clone, in-place restore of a database, a table
 * or an account, and PITR. Each builds its statement first (so invalid names fail before
 * any query), then checks the snapshot against SHOW SNAPSHOTS, then runs.
 */
export function matrixOneAbilities(context: MatrixOneContext): Required<Omit<EngineAbilities, "credentials" | "sessions">> {
  return {
    tableClone: {
      async cloneTable(request) {
        const statement = cloneTableStatement(request);
        if (request.snapshot !== undefined) {
          const snapshot = findSnapshotOrThrow(await listSnapshotsOf(context), request.snapshot);
          assertSnapshotCoversTable(snapshot, request.source.database, request.source.table, 'clone');
        }
        const label = `${request.source.database}.${request.source.table}`;
        await runStatement(context, `clone table ${label}`, statement);
      },
    },
    restore: {
      mode: 'in-place',
      async restoreDatabase(database, snapshotName) {
        const statement = restoreDatabaseStatement(database, snapshotName, context.account, context.grammar);
        const snapshot = findSnapshotOrThrow(await listSnapshotsOf(context), snapshotName);
        assertSnapshotCoversDatabase(snapshot, database, 'restore', context.account);
        await runStatement(context, `restore database ${database}`, statement);
      },
    },
    tableRestore: {
      async restoreTable(table: TableRef, snapshotName: string) {
        const statement = restoreTableStatement(table, snapshotName, context.account, context.grammar);
        const snapshot = findSnapshotOrThrow(await listSnapshotsOf(context), snapshotName);
        assertSnapshotCoversTable(snapshot, table.database, table.table, 'restore', context.account);
        await runStatement(context, `restore table ${table.database}.${table.table}`, statement);
      },
    },
    accountRestore: {
      async restoreAccount(account, snapshotName, toAccount) {
        const statement = restoreAccountStatement(account, snapshotName, toAccount, context.grammar);
        const snapshot = findSnapshotOrThrow(await listSnapshotsOf(context), snapshotName);
        assertSnapshotCoversAccount(snapshot, account);
        await runStatement(context, `restore account ${account}`, statement);
      },
    },
    pointInTime: pointInTimeAbility(context),
  };
}

function pointInTimeAbility(context: MatrixOneContext): Required<EngineAbilities>['pointInTime'] {
  return {
    async createPitr(pitr: string, database: string, range: PitrRange) {
      await runStatement(context, `create PITR ${pitr}`, createPitrStatement(pitr, database, range));
    },
    async listPitrs(): Promise<PitrInfo[]> {
      const rows = await context.runner.rows('list PITRs', 'SHOW PITR');
      return rows.map(pitrFromRow);
    },
    async dropPitr(pitr: string) {
      await runStatement(context, `drop PITR ${pitr}`, dropPitrStatement(pitr));
    },
    async restoreDatabaseToTime(database: string, pitr: string, at: string) {
      await runStatement(context, `restore database ${database} to ${at}`, restorePitrStatement(database, pitr, at));
    },
  };
}
