import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedEngine } from './engine';
import { openEmbeddedEngine } from './index';
import { makeTempDir } from './store/testing/temp-dir';

const { dir: dataDir, remove } = makeTempDir('clonedeck-read-deltas-');
let engine: EmbeddedEngine;

const ROWS = 20_000;
const LOAD_SQL = `CREATE TABLE events (id int PRIMARY KEY, score int, note text);
INSERT INTO events SELECT g, 0, repeat(md5(g::text), 4) FROM generate_series(1, ${ROWS}) g;`;

beforeAll(async () => {
  engine = await openEmbeddedEngine({ dataDir, portBase: 59_650, idleMs: 60_000 });
  await engine.createDatabase('source', { initialSql: LOAD_SQL });
});
afterAll(async () => {
  await engine?.close();
  remove();
});

const ownBytes = async (database: string) => (await engine.usage()).databases.find((entry) => entry.database === database)!.ownBytes!;

/** What any start writes into a clone's top: the relation cache files, pg_control, a WAL page or two (~210 KiB). */
const START_UP_BYTES = 256 * 1024;

/**
 * A bulk update leaves every row's new version without hint bits and its old version dead. If
 * a snapshot froze the pages like that, the first reader of a clone of it would set the hint
 * bits (and prune), writing every page of the table into the clone's own top.
 */
describe('reading a clone of a snapshot taken right after a bulk update writes nothing', () => {
  it.each([
    ['running', async () => {}],
    ['killed after the update', (database: string) => engine.terminateDatabase(database)],
  ])('when the updated database was %s at the snapshot', async (state, afterUpdate) => {
    const writer = `writer_${state.split(' ')[0]}`;
    await engine.cloneDatabase({ source: 'source', target: writer, from: { kind: 'now' } });
    await engine.query(writer, 'UPDATE events SET score = id % 7');
    await afterUpdate(writer);
    await engine.createSnapshot(`${writer}_updated`, { level: 'database', database: writer });
    const reader = `${writer}_reader`;
    await engine.cloneDatabase({ source: writer, target: reader, from: { kind: 'snapshot', snapshot: `${writer}_updated` } });
    const before = await ownBytes(reader);

    const read = await engine.query(reader, 'SELECT count(*)::int, sum(score)::int FROM events');
    await engine.query(reader, 'SELECT note FROM events WHERE id = 4321');
    await engine.query(reader, 'CHECKPOINT');
    const tableBytes = Number((await engine.query(reader, "SELECT pg_relation_size('events')")).rows[0]![0]);

    expect(read.rows).toEqual([[ROWS, expectedScoreSum()]]);
    expect(tableBytes).toBeGreaterThan(6 * 1024 * 1024);
    expect((await ownBytes(reader)) - before).toBeLessThan(START_UP_BYTES);
  });
});

function expectedScoreSum(): number {
  let sum = 0;
  for (let id = 1; id <= ROWS; id++) sum += id % 7;
  return sum;
}
