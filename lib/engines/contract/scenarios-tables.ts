import { expect, it } from 'vitest';
import { expectCode, rowsOf, rowsOfT, seedDatabase, snapshotOf, tableNames } from './contract-helpers';
import type { ContractContext } from './contract-suite';

/** Table clone and table restore, for engines that have them (the others skip, saying why). */
export function tableScenarios(context: ContractContext): void {
  it('clones a table into another database, now and from table and database snapshots', async (test) => {
    const { engine, name } = context;
    const tableClone = engine.abilities.tableClone;
    if (!tableClone) return test.skip(`${engine.kind} cannot clone a single table`);
    const [source, target, tableSnapshot, databaseSnapshot] = [name('tc_src'), name('tc_dst'), name('tc_ts'), name('tc_ds')];
    await seedDatabase(engine, source);
    await engine.createDatabase(target);
    const t = { database: source, table: 't' };
    if (engine.snapshotLevels.includes('table')) {
      const info = await engine.createSnapshot(tableSnapshot, { level: 'table', database: source, table: 't' });
      expect(info).toMatchObject({ name: tableSnapshot, level: 'table', database: source, table: 't' });
    }
    await snapshotOf(engine, databaseSnapshot, source);
    await engine.query(source, "UPDATE t SET v = 'changed' WHERE id = 1");
    await engine.query(source, "INSERT INTO t (id, v) VALUES (3, 'three')");

    await tableClone.cloneTable({ source: t, target: { database: target, table: 't_now' } });
    await tableClone.cloneTable({ source: t, target: { database: target, table: 't_then' }, snapshot: databaseSnapshot });
    expect(await rowsOf(engine, target, 'SELECT id, v FROM t_now ORDER BY id')).toEqual(['1|changed', '2|two', '3|three']);
    expect(await rowsOf(engine, target, 'SELECT id, v FROM t_then ORDER BY id')).toEqual(['1|one', '2|two']);
    if (engine.snapshotLevels.includes('table')) {
      await tableClone.cloneTable({ source: t, target: { database: target, table: 't_table' }, snapshot: tableSnapshot });
      expect(await rowsOf(engine, target, 'SELECT id, v FROM t_table ORDER BY id')).toEqual(['1|one', '2|two']);
    }

    await engine.query(target, 'DELETE FROM t_now');
    expect(await rowsOfT(engine, source)).toEqual(['1|changed', '2|two', '3|three']);
    const before = await tableNames(engine, target);
    await expectCode(
      () => tableClone.cloneTable({ source: { database: source, table: 'missing' }, target: { database: target, table: 'x' } }),
      'NOT_FOUND',
      'clone of a missing table',
    );
    await expectCode(
      () => tableClone.cloneTable({ source: t, target: { database: target, table: 't_now' } }),
      'CONFLICT',
      'clone onto an existing table',
    );
    await expectCode(
      () => tableClone.cloneTable({ source: t, target: { database: name('tc_none'), table: 't' } }),
      'NOT_FOUND',
      'clone into a missing database',
    );
    expect(await tableNames(engine, target)).toEqual(before);
  });

  it('restores one table from a table or database snapshot, leaving the other tables alone', async (test) => {
    const { engine, name } = context;
    const tableRestore = engine.abilities.tableRestore;
    if (!tableRestore) return test.skip(`${engine.kind} cannot restore a single table`);
    const [database, tableSnapshot, databaseSnapshot, other] = [name('tr_db'), name('tr_ts'), name('tr_ds'), name('tr_other')];
    await seedDatabase(engine, database);
    await engine.query(database, 'CREATE TABLE u (id INT PRIMARY KEY)');
    await engine.query(database, 'INSERT INTO u (id) VALUES (1)');
    await snapshotOf(engine, databaseSnapshot, database);
    const t = { database, table: 't' };
    await engine.query(database, 'DELETE FROM t WHERE id = 2');
    await engine.query(database, 'INSERT INTO u (id) VALUES (2)');

    await tableRestore.restoreTable(t, databaseSnapshot);
    expect(await rowsOfT(engine, database)).toEqual(['1|one', '2|two']);
    expect(await rowsOf(engine, database, 'SELECT id FROM u ORDER BY id')).toEqual(['1', '2']);

    if (engine.snapshotLevels.includes('table')) {
      await engine.createSnapshot(tableSnapshot, { level: 'table', database, table: 't' });
      await engine.query(database, "UPDATE t SET v = 'broken'");
      await tableRestore.restoreTable(t, tableSnapshot);
      expect(await rowsOfT(engine, database)).toEqual(['1|one', '2|two']);
      await expectCode(
        () => tableRestore.restoreTable({ database, table: 'u' }, tableSnapshot),
        'VALIDATION',
        'restore of another table from a table snapshot',
      );
    }
    await engine.query(database, 'CREATE TABLE later (id INT PRIMARY KEY)');
    await expectCode(
      () => tableRestore.restoreTable({ database, table: 'later' }, databaseSnapshot),
      'NOT_FOUND',
      'restore of a table the snapshot does not hold',
    );
    await expectCode(() => tableRestore.restoreTable(t, name('tr_missing')), 'NOT_FOUND', 'restore from a missing snapshot');
    await seedDatabase(engine, other);
    await expectCode(
      () => tableRestore.restoreTable({ database: other, table: 't' }, databaseSnapshot),
      'VALIDATION',
      "restore from another database's snapshot",
    );
    expect(await rowsOfT(engine, other)).toEqual(['1|one', '2|two']);
  });
}
