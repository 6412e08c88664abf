import { expect, it } from 'vitest';
import { cloneReady, columnNames, rowsOfT, seedDatabase, snapshotOf, tableNames } from './contract-helpers';
import type { ContractContext } from './contract-suite';

/** Clones and snapshots hold their own data: what changes on one side never shows on the other. */
export function isolationScenarios(context: ContractContext): void {
  it('keeps a clone and its source apart, in both directions, for rows and schema', async () => {
    const { engine, name } = context;
    const [source, clone] = [name('iso_src'), name('iso_clone')];
    await seedDatabase(engine, source);
    await cloneReady(engine, { source, target: clone, from: { kind: 'now' } });
    expect(await rowsOfT(engine, clone)).toEqual(['1|one', '2|two']);

    await engine.query(clone, "INSERT INTO t (id, v) VALUES (3, 'three')");
    await engine.query(clone, "UPDATE t SET v = 'changed in clone' WHERE id = 1");
    await engine.query(clone, 'CREATE TABLE only_in_clone (id INT PRIMARY KEY)');
    await engine.query(source, 'DELETE FROM t WHERE id = 2');
    await engine.query(source, "INSERT INTO t (id, v) VALUES (4, 'four')");

    expect(await rowsOfT(engine, source)).toEqual(['1|one', '4|four']);
    expect(await tableNames(engine, source)).toEqual(['t']);
    expect(await rowsOfT(engine, clone)).toEqual(['1|changed in clone', '2|two', '3|three']);
    expect(await tableNames(engine, clone)).toEqual(['only_in_clone', 't']);
  });

  it('clones a clone: the grandchild starts from its parent and all three stay apart', async () => {
    const { engine, name } = context;
    const [source, child, grandchild] = [name('cc_src'), name('cc_child'), name('cc_grandchild')];
    await seedDatabase(engine, source);
    await cloneReady(engine, { source, target: child, from: { kind: 'now' } });
    await engine.query(child, "INSERT INTO t (id, v) VALUES (3, 'child')");
    await cloneReady(engine, { source: child, target: grandchild, from: { kind: 'now' } });
    expect(await rowsOfT(engine, grandchild)).toEqual(['1|one', '2|two', '3|child']);

    await engine.query(grandchild, "INSERT INTO t (id, v) VALUES (5, 'grandchild')");
    await engine.query(child, 'DELETE FROM t WHERE id = 1');
    expect(await rowsOfT(engine, source)).toEqual(['1|one', '2|two']);
    expect(await rowsOfT(engine, child)).toEqual(['2|two', '3|child']);
    expect(await rowsOfT(engine, grandchild)).toEqual(['1|one', '2|two', '3|child', '5|grandchild']);
    const origin = (await engine.getDatabase(grandchild))?.origin;
    if (origin) expect(origin.database).toBe(child);
  });

  it("clones from a snapshot with the snapshot's rows and schema, whatever the source did since", async () => {
    const { engine, name } = context;
    const [source, snapshot, clone] = [name('snap_src'), name('snap_s'), name('snap_clone')];
    await seedDatabase(engine, source);
    await engine.query(source, 'CREATE TABLE dropped_later (id INT PRIMARY KEY)');
    const info = await snapshotOf(engine, snapshot, source);
    expect(info).toMatchObject({ name: snapshot, level: 'database', database: source });

    await engine.query(source, 'DELETE FROM t WHERE id = 1');
    await engine.query(source, "INSERT INTO t (id, v) VALUES (9, 'after')");
    await engine.query(source, 'ALTER TABLE t ADD COLUMN extra INT');
    await engine.query(source, 'DROP TABLE dropped_later');
    await engine.query(source, 'CREATE TABLE created_later (id INT PRIMARY KEY)');
    await cloneReady(engine, { source, target: clone, from: { kind: 'snapshot', snapshot } });

    expect(await rowsOfT(engine, clone)).toEqual(['1|one', '2|two']);
    expect(await columnNames(engine, clone, 't')).toEqual(['id', 'v']);
    expect(await tableNames(engine, clone)).toEqual(['dropped_later', 't']);
    expect(await rowsOfT(engine, source)).toEqual(['2|two', '9|after']);
    expect(await columnNames(engine, source, 't')).toEqual(['id', 'v', 'extra']);
    expect(await tableNames(engine, source)).toEqual(['created_later', 't']);
  });

  it('restores in place: rows and schema come back, the database stays usable and can be snapshotted again', async (test) => {
    const { engine, name } = context;
    const restore = engine.abilities.restore;
    if (!restore) return test.skip(`${engine.kind} cannot restore a database`);
    const [database, snapshot, later, check] = [name('rs_db'), name('rs_s'), name('rs_later'), name('rs_check')];
    await seedDatabase(engine, database);
    await engine.query(database, 'CREATE TABLE dropped_later (id INT PRIMARY KEY)');
    await snapshotOf(engine, snapshot, database);
    await engine.query(database, "UPDATE t SET v = 'broken' WHERE id = 1");
    await engine.query(database, 'DELETE FROM t WHERE id = 2');
    await engine.query(database, 'ALTER TABLE t ADD COLUMN extra INT');
    await engine.query(database, 'DROP TABLE dropped_later');

    const result = await restore.restoreDatabase(database, snapshot);
    if (result?.previousDatabase) await engine.dropDatabase(result.previousDatabase);
    expect(await rowsOfT(engine, database)).toEqual(['1|one', '2|two']);
    expect(await columnNames(engine, database, 't')).toEqual(['id', 'v']);
    expect(await tableNames(engine, database)).toEqual(['dropped_later', 't']);

    await engine.query(database, "INSERT INTO t (id, v) VALUES (3, 'after restore')");
    await snapshotOf(engine, later, database);
    await engine.query(database, 'DELETE FROM t');
    await cloneReady(engine, { source: database, target: check, from: { kind: 'snapshot', snapshot: later } });
    expect(await rowsOfT(engine, check)).toEqual(['1|one', '2|two', '3|after restore']);
    expect(await rowsOfT(engine, database)).toEqual([]);
  });
}
