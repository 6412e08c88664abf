import { expect, it } from 'vitest';
import type { Engine } from '../types';
import { cloneReady, rowsOfT, seedDatabase, snapshotOf } from './contract-helpers';
import type { ContractContext } from './contract-suite';

/** Rows enough to take real space: 400 rows of 200 characters, in portable multi-row INSERTs. */
async function fillWithRows(engine: Engine, database: string): Promise<void> {
  await engine.query(database, 'CREATE TABLE filler (id INT PRIMARY KEY, v VARCHAR(200))');
  for (let batch = 0; batch < 4; batch++) {
    const values = Array.from({ length: 100 }, (_, index) => `(${batch * 100 + index}, '${'x'.repeat(200)}')`);
    await engine.query(database, `INSERT INTO filler (id, v) VALUES ${values.join(', ')}`);
  }
}

/** Dropping frees what only the dropped object held; a snapshot clones still stand on stays readable through them. */
export function lifecycleScenarios(context: ContractContext): void {
  it('frees space when a database is dropped', async () => {
    const { engine, name } = context;
    const [source, clone] = [name('drop_src'), name('drop_clone')];
    await seedDatabase(engine, source);
    await cloneReady(engine, { source, target: clone, from: { kind: 'now' } });
    await fillWithRows(engine, clone);
    const before = await engine.usage();
    expect(before.deltaAccounting).toBe(engine.deltaAccounting);
    expect(before.databases.map((usage) => usage.database)).toContain(clone);

    const result = await engine.dropDatabase(clone);
    const after = await engine.usage();
    expect(after.databases.map((usage) => usage.database)).not.toContain(clone);
    expect((await engine.listDatabases()).map((database) => database.name)).not.toContain(clone);
    expect(await rowsOfT(engine, source)).toEqual(['1|one', '2|two']);
    if (!engine.deltaAccounting) return;
    // Engines that account for deltas must show the clone's own bytes leaving the disk.
    const ownBytes = before.databases.find((usage) => usage.database === clone)!.ownBytes!;
    expect(ownBytes).toBeGreaterThan(400 * 200);
    expect(result.freedBytes).toBeGreaterThan(0);
    expect(after.physicalBytes!).toBeLessThan(before.physicalBytes!);
    expect(before.physicalBytes! - after.physicalBytes!).toBeGreaterThanOrEqual(ownBytes * 0.9);
  });

  it('predicts what dropping a database with its snapshot frees, and frees that', async () => {
    const { engine, name } = context;
    if (!engine.deltaAccounting) return;
    const [source, clone, snapshot] = [name('predict_src'), name('predict_clone'), name('predict_s')];
    await seedDatabase(engine, source);
    await cloneReady(engine, { source, target: clone, from: { kind: 'now' } });
    await fillWithRows(engine, clone);
    await snapshotOf(engine, snapshot, clone);
    await engine.query(clone, "UPDATE filler SET v = 'changed' WHERE id < 50");
    const before = await engine.usage();
    const predicted = before.databases.find((usage) => usage.database === clone)!;
    // The snapshot holds the 400 rows with the clone: shared, yet freed when both go.
    expect(predicted.freedIfDroppedBytes!).toBeGreaterThanOrEqual(predicted.ownBytes! + 400 * 200);
    const freed = (await engine.dropDatabase(clone)).freedBytes! + (await engine.dropSnapshot(snapshot)).freedBytes!;
    const after = await engine.usage();
    expect(freed).toBeGreaterThanOrEqual(predicted.freedIfDroppedBytes! * 0.9);
    expect(before.physicalBytes! - after.physicalBytes!).toBeGreaterThanOrEqual(predicted.freedIfDroppedBytes! * 0.9);
  });

  it('reports a snapshot clones stand on as pinned, and dropping it keeps their data', async () => {
    const { engine, name } = context;
    const [source, snapshot, clone, unused] = [name('pin_src'), name('pin_s'), name('pin_clone'), name('pin_unused')];
    await seedDatabase(engine, source);
    await snapshotOf(engine, snapshot, source);
    await snapshotOf(engine, unused, source);
    await engine.query(source, 'DELETE FROM t');
    await cloneReady(engine, { source, target: clone, from: { kind: 'snapshot', snapshot } });

    // A snapshot of a database nothing was ever written to holds no data of its own.
    const [blank, blankSnapshot] = [name('pin_blank'), name('pin_blank_s')];
    await engine.createDatabase(blank);
    await snapshotOf(engine, blankSnapshot, blank);

    const listed = await engine.listSnapshots();
    if (engine.deltaAccounting) {
      expect(listed.find((info) => info.name === snapshot)?.pinnedBy).toEqual([clone]);
      expect(listed.find((info) => info.name === unused)?.pinnedBy).toEqual([]);
      expect(listed.find((info) => info.name === blankSnapshot)?.pinnedBy).toEqual([]);
    }
    const dropped = await engine.dropSnapshot(snapshot);
    if (engine.deltaAccounting) expect(dropped.pinnedBy).toEqual([clone]);
    expect((await engine.listSnapshots()).map((info) => info.name)).not.toContain(snapshot);
    expect(await rowsOfT(engine, clone)).toEqual(['1|one', '2|two']);
    await engine.query(clone, "INSERT INTO t (id, v) VALUES (3, 'still writable')");
    expect(await rowsOfT(engine, clone)).toEqual(['1|one', '2|two', '3|still writable']);
    expect(await rowsOfT(engine, source)).toEqual([]);
  });
}
