import { expect, it } from 'vitest';
import { cloneReady, expectCode, rowsOfT, seedDatabase, snapshotOf } from './contract-helpers';
import type { ContractContext } from './contract-suite';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An account the account-restore scenario may rewind (a scratch account on a test cluster;
 * the engine's user must be sys to snapshot it). Restoring the connected account itself would
 * rewind everything in it, other people's databases included, so without one that step skips
 * and says why.
 */
const SCRATCH_ACCOUNT = process.env.CLONEDECK_CONTRACT_SCRATCH_ACCOUNT;

/** Point-in-time recovery and account-level snapshots, for engines that have them. */
export function historyScenarios(context: ContractContext): void {
  it('creates, lists, restores to a time and drops a PITR', async (test) => {
    const { engine, name } = context;
    const pointInTime = engine.abilities.pointInTime;
    if (!pointInTime) return test.skip(`${engine.kind} has no point-in-time recovery`);
    const [database, pitr] = [name('pitr_db'), name('pitr_p')];
    await seedDatabase(engine, database);
    await pointInTime.createPitr(pitr, database, { value: 1, unit: 'h' });
    try {
      const listed = (await pointInTime.listPitrs()).find((info) => info.name === pitr);
      expect(listed).toMatchObject({ level: 'database', database, range: { value: 1, unit: 'h' } });
      await expectCode(() => pointInTime.createPitr(pitr, database, { value: 1, unit: 'h' }), 'CONFLICT', 'a PITR name taken');
      await expectCode(
        () => pointInTime.createPitr(name('pitr_p2'), name('pitr_none'), { value: 1, unit: 'd' }),
        'NOT_FOUND',
        'a PITR of a missing database',
      );

      // Restore times are whole seconds on the server's clock: stay clear of the seconds around the mark.
      await pause(1_100);
      const mark = await pointInTime.serverTime();
      await pause(1_100);
      await engine.query(database, "UPDATE t SET v = 'broken'");
      await engine.query(database, 'CREATE TABLE later (id INT PRIMARY KEY)');
      await pointInTime.restoreDatabaseToTime(database, pitr, mark);
      expect(await rowsOfT(engine, database)).toEqual(['1|one', '2|two']);

      await expectCode(
        () => pointInTime.restoreDatabaseToTime(database, pitr, '2999-01-01 00:00:00'),
        'VALIDATION',
        'a restore time in the future',
      );
      await expectCode(
        () => pointInTime.restoreDatabaseToTime(database, pitr, '2000-01-01 00:00:00'),
        'VALIDATION',
        'a restore time before the PITR',
      );
      await expectCode(
        () => pointInTime.restoreDatabaseToTime(database, name('pitr_none'), mark),
        'NOT_FOUND',
        'a restore from a missing PITR',
      );
      const other = name('pitr_other');
      await seedDatabase(engine, other);
      await expectCode(() => pointInTime.restoreDatabaseToTime(other, pitr, mark), 'VALIDATION', "a restore from another database's PITR");
    } finally {
      await pointInTime.dropPitr(pitr);
    }
    expect((await pointInTime.listPitrs()).map((info) => info.name)).not.toContain(pitr);
    await expectCode(() => pointInTime.dropPitr(pitr), 'NOT_FOUND', 'a drop of a missing PITR');
  });

  it('takes an account snapshot, and clones and restores a database from it', async (test) => {
    const { engine, name } = context;
    if (!engine.snapshotLevels.includes('account')) return test.skip(`${engine.kind} has no account-level snapshots`);
    const [database, snapshot, clone] = [name('acc_db'), name('acc_s'), name('acc_clone')];
    await seedDatabase(engine, database);
    const info = await engine.createSnapshot(snapshot, { level: 'account' });
    expect(info).toMatchObject({ name: snapshot, level: 'account', database: undefined, table: undefined });
    expect(info.account).toBeTruthy();
    await engine.query(database, 'DELETE FROM t WHERE id = 1');

    await cloneReady(engine, { source: database, target: clone, from: { kind: 'snapshot', snapshot } });
    expect(await rowsOfT(engine, clone)).toEqual(['1|one', '2|two']);
    const restore = engine.abilities.restore;
    if (restore) {
      await restore.restoreDatabase(database, snapshot);
      expect(await rowsOfT(engine, database)).toEqual(['1|one', '2|two']);
    }

    const accountRestore = engine.abilities.accountRestore;
    if (!accountRestore) return;
    const account = info.account!;
    const databaseSnapshot = name('acc_ds');
    await snapshotOf(engine, databaseSnapshot, database);
    await expectCode(
      () => accountRestore.restoreAccount(account, databaseSnapshot),
      'VALIDATION',
      'an account restore from a database snapshot',
    );
    await expectCode(
      () => accountRestore.restoreAccount(account, name('acc_none')),
      'NOT_FOUND',
      'an account restore from a missing snapshot',
    );
    if (!SCRATCH_ACCOUNT) {
      console.log(
        'engine contract: the account restore itself skipped: CLONEDECK_CONTRACT_SCRATCH_ACCOUNT names no account it may overwrite',
      );
      return;
    }
    // The engine's user cannot read another account's tables, so this checks that the server
    // takes the restore; what it restored is for the operator to look at in that account.
    const scratchSnapshot = name('acc_scratch_s');
    const scratch = await engine.createSnapshot(scratchSnapshot, { level: 'account', account: SCRATCH_ACCOUNT });
    expect(scratch).toMatchObject({ level: 'account', account: SCRATCH_ACCOUNT });
    await accountRestore.restoreAccount(SCRATCH_ACCOUNT, scratchSnapshot);
    await expectCode(
      () => accountRestore.restoreAccount(account, snapshot, SCRATCH_ACCOUNT),
      'VALIDATION',
      'an account restore the server would apply in place',
    );
  });
}
