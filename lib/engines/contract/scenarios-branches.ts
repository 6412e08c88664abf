import { expect, it } from 'vitest';
import { cloneReady, expectCode, rowsOfT, seedDatabase, snapshotOf } from './contract-helpers';
import type { ContractContext } from './contract-suite';

/** Data branches (row-level diff and merge), for engines that compute them; the others skip. */
export function branchScenarios(context: ContractContext): void {
  it('says what changed in a database since its snapshot: per table, per change, with a sample', async (test) => {
    const { engine, name } = context;
    const dataDiff = engine.abilities.dataDiff;
    if (!dataDiff) return test.skip(`${engine.kind} cannot diff rows`);
    const [database, snapshot] = [name('diff_db'), name('diff_base')];
    await seedDatabase(engine, database);
    await engine.query(database, "INSERT INTO t (id, v) VALUES (3, 'three')");
    await engine.query(database, 'CREATE TABLE gone (id INT PRIMARY KEY)');
    await snapshotOf(engine, snapshot, database);
    await engine.query(database, 'DELETE FROM t WHERE id = 1');
    await engine.query(database, "UPDATE t SET v = 'TWO' WHERE id = 2");
    await engine.query(database, "INSERT INTO t (id, v) VALUES (4, 'four'), (5, 'five')");
    await engine.query(database, 'CREATE TABLE added (id INT PRIMARY KEY)');
    await engine.query(database, 'DROP TABLE gone');

    const against = { kind: 'snapshot', database, snapshot } as const;
    const diff = await dataDiff.diffDatabase(database, against);
    expect(diff.tables).toEqual([
      { table: 'added', presence: 'only-here', here: null, there: null },
      { table: 'gone', presence: 'only-there', here: null, there: null },
      {
        table: 't',
        presence: 'both',
        here: { added: 2, deleted: 1, updated: 1 },
        there: { added: 0, deleted: 0, updated: 0 },
        columns: { added: [], removed: [] },
      },
    ]);

    const sample = await dataDiff.sampleTable(database, 't', against, 3);
    expect(sample).toMatchObject({ table: 't', columns: ['id', 'v'], truncated: true, allFromHere: true });
    expect(sample.rows).toHaveLength(3);
    const everything = await dataDiff.sampleTable(database, 't', against, 10);
    const changes = everything.rows.map((row) => `${row.change} ${row.values.join('|')}`).sort();
    expect(changes).toEqual(['added 4|four', 'added 5|five', 'deleted 1|one', 'updated 2|TWO']);
    expect(everything.truncated).toBe(false);

    await expectCode(
      () => dataDiff.diffDatabase(database, { kind: 'snapshot', database, snapshot: name('diff_none') }),
      'NOT_FOUND',
      'a diff against a missing snapshot',
    );
    await expectCode(
      () => dataDiff.diffDatabase(name('diff_none'), { kind: 'database', database }),
      'NOT_FOUND',
      'a diff of a missing database',
    );
    await expectCode(() => dataDiff.sampleTable(database, 'added', against, 5), 'NOT_FOUND', 'a sample of a table on one side only');
  });

  it('merges one database’s rows into another, by the conflict choice, all tables or none', async (test) => {
    const { engine, name } = context;
    const dataMerge = engine.abilities.dataMerge;
    if (!dataMerge) return test.skip(`${engine.kind} cannot merge rows`);
    const [target, source] = [name('merge_dst'), name('merge_src')];
    await seedDatabase(engine, target);
    await cloneReady(engine, { source: target, target: source, from: { kind: 'now' } });
    await engine.query(source, "INSERT INTO t (id, v) VALUES (3, 'from source')");
    await engine.query(source, "UPDATE t SET v = 'source one' WHERE id = 1");
    await engine.query(target, "UPDATE t SET v = 'target one' WHERE id = 1");
    expect(dataMerge.conflictChoices).toEqual(expect.arrayContaining(['fail', 'skip', 'accept']));

    await expectCode(() => dataMerge.mergeTables(source, target, ['t'], 'fail'), 'CONFLICT', 'a merge that meets a conflict under "fail"');
    expect(await rowsOfT(engine, target)).toEqual(['1|target one', '2|two']);
    await expectCode(
      () => dataMerge.mergeTables(source, target, ['t', 'missing'], 'skip'),
      'NOT_FOUND',
      'a merge of a table one side lacks',
    );
    expect(await rowsOfT(engine, target)).toEqual(['1|target one', '2|two']);

    await dataMerge.mergeTables(source, target, ['t'], 'skip');
    expect(await rowsOfT(engine, target)).toEqual(['1|target one', '2|two', '3|from source']);
    await dataMerge.mergeTables(source, target, ['t'], 'accept');
    expect(await rowsOfT(engine, target)).toEqual(['1|source one', '2|two', '3|from source']);
    expect(await rowsOfT(engine, source)).toEqual(['1|source one', '2|two', '3|from source']);
  });
}
