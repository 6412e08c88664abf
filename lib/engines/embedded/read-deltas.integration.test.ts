import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedEngine } from './engine';
import { openEmbeddedEngine } from './index';
import { makeTempDir } from './store/testing/temp-dir';

const { dir: dataDir, remove } = makeTempDir('clonedeck-read-deltas-');
let engine: EmbeddedEngine;

const ROWS = 20_000;
const LOAD_SQL = `CREATE TABLE events (id int PRIMARY KEY, score int, note text);
INSERT INTO events SELECT g, 0, repeat(md5(g::text), 4) FROM generate_series(1, ${ROWS}) g;`;
/** Short enough to see an idle stop, long enough that no reader stops (and starts again) between its statements. */
const IDLE_MS = 4_000;

beforeAll(async () => {
  engine = await openEmbeddedEngine({ dataDir, idleMs: IDLE_MS });
  await engine.createDatabase('source', { initialSql: LOAD_SQL });
});
afterAll(async () => {
  await engine?.close();
  remove();
});

const ownBytes = async (database: string) => (await engine.usage()).databases.find((entry) => entry.database === database)!.ownBytes!;
const isRunning = async (database: string) => (await engine.getDatabase(database))?.running ?? false;

/** What any start writes into a clone's top: the relation cache files, pg_control, a WAL page or two (~210 KiB). */
const START_UP_BYTES = 256 * 1024;

async function untilStopped(database: string): Promise<void> {
  while (await isRunning(database)) await new Promise((resolve) => setTimeout(resolve, 100));
}

/**
 * A bulk update leaves every row's new version without hint bits and its old version dead. If
 * a snapshot froze the pages like that, the first reader of a clone of it would set the hint
 * bits (and prune), writing every page of the table into the clone's own top.
 */
describe('reading a clone of a snapshot taken right after a bulk update writes nothing', () => {
  it.each([
    ['running', async () => {}, true],
    ['killed after the update', (database: string) => engine.terminateDatabase(database), true],
    ['stopped when idle after the update', untilStopped, false],
  ])('when the updated database was %s at the snapshot', async (state, afterUpdate, snapshotRuns) => {
    const writer = `writer_${state.split(' ')[0]}`;
    await engine.cloneDatabase({ source: 'source', target: writer, from: { kind: 'now' } });
    await engine.query(writer, 'UPDATE events SET score = id % 7');
    await afterUpdate(writer);
    await engine.createSnapshot(`${writer}_updated`, { level: 'database', database: writer });
    // An idle stop vacuumed already: the snapshot freezes the top without starting the database.
    expect(await isRunning(writer)).toBe(snapshotRuns);
    const reader = `${writer}_reader`;
    await engine.cloneDatabase({ source: writer, target: reader, from: { kind: 'snapshot', snapshot: `${writer}_updated` } });
    const before = await ownBytes(reader);

    const read = await engine.query(reader, 'SELECT count(*)::int, sum(score)::int FROM events');
    await engine.query(reader, 'SELECT note FROM events WHERE id = 4321');
    const tableBytes = Number((await engine.query(reader, "SELECT pg_relation_size('events')")).rows[0]![0]);
    await untilStopped(reader); // its shutdown checkpoint writes every page the reads dirtied

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
