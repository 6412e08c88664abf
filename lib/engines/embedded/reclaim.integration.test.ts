import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { bytesOnDisk } from '../testing/storage-walk';
import { openEmbeddedEngine, type EmbeddedEngine } from '.';
import { makeTempDir } from './store/testing/temp-dir';

/**
 * Space comes back with nobody calling anything: a table written and dropped in a clone leaves
 * its pages in the clone's top layer (PGlite deletes the file; the layer keeps what was
 * written). The table is unlogged, so the WAL (a live file, which is not garbage to the
 * store) stays small and the garbage is all the table's. The engine gives them back once the database has stopped and things are quiet,
 * and a store a process left with such garbage gets it back when it is next opened.
 */
const temp = makeTempDir('reclaim');
const dataDir = path.join(temp.dir, 'store');
let engine: EmbeddedEngine | undefined;
afterAll(async () => {
  await engine?.close();
  temp.remove();
});

const open = (idleMs: number) => openEmbeddedEngine({ dataDir, idleMs });
/** Writes ~13 MiB in a clone and deletes it again; returns the store's bytes afterwards. */
async function makeGarbage(current: EmbeddedEngine, clone: string): Promise<number> {
  await current.cloneDatabase({ source: 'base', target: clone, from: { kind: 'now' } });
  await current.query(
    clone,
    'CREATE UNLOGGED TABLE scratch AS SELECT g AS id, repeat(md5(g::text), 20) AS payload FROM generate_series(1, 20000) g',
  );
  await current.checkpoint(clone); // the table's pages into the clone's layer
  await current.query(clone, 'DROP TABLE scratch');
  await current.checkpoint(clone); // and its file deleted
  return bytesOnDisk(dataDir);
}

async function waitForShrink(below: number, deadlineMs: number): Promise<number> {
  const deadline = Date.now() + deadlineMs;
  let bytes = bytesOnDisk(dataDir);
  while (bytes >= below && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    bytes = bytesOnDisk(dataDir);
  }
  return bytes;
}

it('gives back a stopped database’s deleted pages on its own', { timeout: 120_000 }, async () => {
  engine = await open(1_000);
  await engine.createDatabase('base', { initialSql: 'CREATE TABLE t (id INT PRIMARY KEY)' });
  const clean = bytesOnDisk(dataDir);
  const dirty = await makeGarbage(engine, 'busy');
  expect(dirty - clean).toBeGreaterThan(10 * 1024 * 1024);
  // The idle stop (1 s) and the quiet-time maintenance after it; generous for a loaded machine.
  const after = await waitForShrink(clean + 2 * 1024 * 1024, 60_000);
  expect(after - clean).toBeLessThan(2 * 1024 * 1024);
  expect((await engine.query('busy', 'SELECT count(*) FROM t')).rows).toEqual([[0]]);
});

it('gives back what a closed process left in layers when the store is opened again', { timeout: 120_000 }, async () => {
  const clean = bytesOnDisk(dataDir);
  await makeGarbage(engine!, 'left');
  await engine!.close(); // closing stops instances but schedules nothing
  engine = undefined;
  const left = bytesOnDisk(dataDir);
  expect(left - clean).toBeGreaterThan(10 * 1024 * 1024);
  engine = await open(600_000);
  expect(bytesOnDisk(dataDir) - clean).toBeLessThan(2 * 1024 * 1024);
  expect((await engine.listDatabases()).map((database) => database.name)).toEqual(['base', 'busy', 'left']);
});

it('gives back a terminated worker’s garbage on its own, without waiting for an idle stop', { timeout: 120_000 }, async () => {
  const clean = bytesOnDisk(dataDir);
  const dirty = await makeGarbage(engine!, 'killed'); // this engine stops idle databases only after 10 minutes
  expect(dirty - clean).toBeGreaterThan(10 * 1024 * 1024);
  // Past the quiet-time pass that follows the last statement (the worker was running then, so
  // it was skipped): only the worker's end can bring the next one.
  await new Promise((resolve) => setTimeout(resolve, 7_000));
  await engine!.terminateDatabase('killed');
  const after = await waitForShrink(clean + 2 * 1024 * 1024, 60_000);
  expect(after - clean).toBeLessThan(2 * 1024 * 1024);
});
