import { expect, it } from 'vitest';
import { cloneReady, expectCode, rowsOfT, seedDatabase, snapshotOf, visibleState } from './contract-helpers';
import type { ContractContext } from './contract-suite';

const BAD_NAMES = ['Bad-Name', '', '1starts_with_digit', `a${'b'.repeat(63)}`, 'semi;colon', "quo'te"];

/** Invalid, unknown and taken names are refused with the right code, and a refused call changes nothing. */
export function rejectionScenarios(context: ContractContext): void {
  const { name } = context;
  const source = name('rej_src');
  const other = name('rej_other');
  const snapshot = name('rej_s');
  const missing = name('rej_missing');
  const fresh = name('rej_fresh');
  const now = { kind: 'now' } as const;
  let seeded: Promise<void> | null = null;
  /** Two databases with different rows and a snapshot, made once for the three scenarios below. */
  const seedOnce = () =>
    (seeded ??= (async () => {
      await seedDatabase(context.engine, source);
      await seedDatabase(context.engine, other);
      await context.engine.query(other, "UPDATE t SET v = 'other' WHERE id = 1");
      await snapshotOf(context.engine, snapshot, source);
    })());

  /** Runs the refused calls, then checks the engine shows exactly what it showed before. */
  async function expectNothingChanged(refusedCalls: () => Promise<void>): Promise<void> {
    const { engine, prefix } = context;
    await seedOnce();
    const before = await visibleState(engine, prefix);
    await refusedCalls();
    expect(await visibleState(engine, prefix)).toEqual(before);
    expect(await rowsOfT(engine, source)).toEqual(['1|one', '2|two']);
    expect(await rowsOfT(engine, other)).toEqual(['1|other', '2|two']);
    expect((await engine.listSnapshots()).find((info) => info.name === snapshot)?.database).toBe(source);
  }

  it('rejects invalid names with VALIDATION, changing nothing', async () => {
    const { engine } = context;
    const restore = engine.abilities.restore;
    await expectNothingChanged(async () => {
      for (const bad of BAD_NAMES) {
        await expectCode(() => engine.createDatabase(bad), 'VALIDATION', `createDatabase(${JSON.stringify(bad)})`);
        await expectCode(() => engine.cloneDatabase({ source, target: bad, from: now }), 'VALIDATION', `clone to ${JSON.stringify(bad)}`);
        await expectCode(() => snapshotOf(engine, bad, source), 'VALIDATION', `snapshot named ${JSON.stringify(bad)}`);
      }
      await expectCode(() => engine.cloneDatabase({ source: 'Bad Source', target: fresh, from: now }), 'VALIDATION', 'clone of a bad name');
      await expectCode(() => engine.dropDatabase('DROP'), 'VALIDATION', 'dropDatabase of a bad name');
      await expectCode(() => engine.dropSnapshot('bad-name'), 'VALIDATION', 'dropSnapshot of a bad name');
      if (restore) await expectCode(() => restore.restoreDatabase(source, "x'"), 'VALIDATION', 'restore from a bad snapshot name');
    });
  });

  it('rejects unknown databases and snapshots with NOT_FOUND, changing nothing', async () => {
    const { engine } = context;
    const restore = engine.abilities.restore;
    const noSuchSnapshot = name('no_such_s');
    await expectNothingChanged(async () => {
      await expectCode(
        () => engine.cloneDatabase({ source: missing, target: fresh, from: now }),
        'NOT_FOUND',
        'clone of a missing database',
      );
      await expectCode(
        () => engine.cloneDatabase({ source, target: fresh, from: { kind: 'snapshot', snapshot: noSuchSnapshot } }),
        'NOT_FOUND',
        'clone from a missing snapshot',
      );
      await expectCode(() => engine.dropDatabase(missing), 'NOT_FOUND', 'drop of a missing database');
      await expectCode(() => engine.dropSnapshot(noSuchSnapshot), 'NOT_FOUND', 'drop of a missing snapshot');
      await expectCode(() => snapshotOf(engine, name('rej_s2'), missing), 'NOT_FOUND', 'snapshot of a missing database');
      if (!restore) return;
      await expectCode(() => restore.restoreDatabase(missing, snapshot), 'NOT_FOUND', 'restore of a missing database');
      await expectCode(() => restore.restoreDatabase(source, noSuchSnapshot), 'NOT_FOUND', 'restore from a missing snapshot');
    });
  });

  it('rejects names already taken with CONFLICT, keeping the existing objects as they were', async () => {
    const { engine } = context;
    await expectNothingChanged(async () => {
      await expectCode(() => engine.createDatabase(source), 'CONFLICT', 'create over an existing database');
      await expectCode(() => engine.cloneDatabase({ source, target: other, from: now }), 'CONFLICT', 'clone over an existing database');
      await expectCode(() => snapshotOf(engine, snapshot, other), 'CONFLICT', 'a snapshot name taken');
    });
  });

  it("refuses to restore or clone a database from another database's snapshot", async () => {
    const { engine } = context;
    const target = name('rej_target');
    const restore = engine.abilities.restore;
    await expectNothingChanged(async () => {
      if (restore) await expectCode(() => restore.restoreDatabase(other, snapshot), 'VALIDATION', 'restore from a foreign snapshot');
      await expectCode(
        () => cloneReady(engine, { source: other, target, from: { kind: 'snapshot', snapshot } }),
        'VALIDATION',
        'clone of one database from the snapshot of another',
      );
    });
  });
}
