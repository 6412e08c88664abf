import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedEngine } from './engine';
import { openEmbeddedEngine } from './index';
import { CATALOG_FILE } from './store/catalog';
import { LAYER_DIR } from './store/layer-store';
import { makeTempDir } from './store/testing/temp-dir';
import { wireClient } from '../testing/wire-client';

/**
 * Instances and accounting of the embedded engine: instances stop when idle and start
 * again on the next query, no more than `maxRunning` run at once (a database with a
 * connected client is never the one stopped), and `usage()` reads the store as a user
 * expects (a fresh clone owns almost nothing, changed rows become its own bytes).
 */
const temp = makeTempDir('instances');
const MiB = 1024 * 1024;
let engine: EmbeddedEngine;

beforeAll(async () => {
  engine = await openEmbeddedEngine({ dataDir: temp.dir, idleMs: 60_000 });
  await engine.createDatabase('source', {
    initialSql: "CREATE TABLE big AS SELECT g AS id, repeat('x', 200) AS v FROM generate_series(1, 20000) AS g;",
  });
});
afterAll(async () => {
  await engine?.close();
  temp.remove();
});

/** Reopens the same store with other instance settings (one process owns a store at a time). */
async function reopen(options: { idleMs?: number; maxRunning?: number }): Promise<void> {
  await engine.close();
  engine = await openEmbeddedEngine({ dataDir: temp.dir, idleMs: 60_000, ...options });
}

const running = async () =>
  (await engine.listDatabases())
    .filter((database) => database.running)
    .map((database) => database.name)
    .sort();
const count = async (database: string) => Number((await engine.query(database, 'SELECT count(*) FROM big')).rows[0]![0]);

/** Polls until `condition` holds; a bound on waiting, not an assertion on time. */
async function eventually(condition: () => Promise<boolean>, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition still false after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function bytesOnDisk(): number {
  const layers = path.join(temp.dir, LAYER_DIR);
  const files = fs.readdirSync(layers).map((file) => path.join(layers, file));
  return [...files, path.join(temp.dir, CATALOG_FILE)].reduce((sum, file) => sum + fs.statSync(file).size, 0);
}

describe('usage()', () => {
  it('counts a fresh clone as almost all shared, and changed rows as its own', async () => {
    await engine.cloneDatabase({ source: 'source', target: 'fresh', from: { kind: 'now' } });
    expect(await count('fresh')).toBe(20000);
    const before = await engine.usage();
    const source = before.databases.find((usage) => usage.database === 'source')!;
    const fresh = before.databases.find((usage) => usage.database === 'fresh')!;
    expect(fresh.ownBytes!).toBeLessThan(MiB);
    expect(fresh.sharedBytes!).toBeGreaterThan(4 * MiB);
    expect(source.logicalBytes).toBeGreaterThan(4 * MiB);

    await engine.query('fresh', "UPDATE big SET v = repeat('y', 200) WHERE id % 10 = 0");
    await engine.checkpoint('fresh');
    const after = await engine.usage();
    const changed = after.databases.find((usage) => usage.database === 'fresh')!;
    expect(changed.ownBytes!).toBeGreaterThan(fresh.ownBytes! + 2 * MiB);
    // New row versions and their WAL add to what the clone sees, but it stays the same database.
    expect(Math.abs(changed.logicalBytes - source.logicalBytes)).toBeLessThan(0.25 * source.logicalBytes);
    expect(after.physicalBytes!).toBeGreaterThanOrEqual(bytesOnDisk() * 0.99);
    expect(after.physicalBytes!).toBeLessThanOrEqual(bytesOnDisk() * 1.01);
    expect(after.logicalBytes - after.physicalBytes!).toBeGreaterThan(0);
  });
});

describe('instances', () => {
  it('stop when idle and start again on the next query', async () => {
    await reopen({ idleMs: 400 });
    expect(await running()).toEqual([]);
    expect(await count('source')).toBe(20000);
    expect(await running()).toEqual(['source']);
    await eventually(async () => (await running()).length === 0);
    expect(await count('source')).toBe(20000);
    expect(await running()).toEqual(['source']);
  });

  it('never run more than maxRunning at once, even when queries come all together', async () => {
    await reopen({ maxRunning: 2 });
    for (const name of ['second', 'third']) await engine.cloneDatabase({ source: 'source', target: name, from: { kind: 'now' } });
    const names = ['source', 'fresh', 'second', 'third'];
    for (let round = 0; round < 3; round++) {
      expect(await Promise.all(names.map(count))).toEqual([20000, 20000, 20000, 20000]);
      expect((await running()).length).toBeLessThanOrEqual(2);
    }
    for (const name of names) {
      await engine.query(name, "UPDATE big SET v = 'touched' WHERE id = 1");
      expect((await running()).length).toBeLessThanOrEqual(2);
    }
  });

  it('never stops the instance a client is connected to, to make room', async () => {
    const client = await wireClient(engine, 'source');
    try {
      for (const name of ['second', 'third', 'fresh', 'second']) {
        expect(await count(name)).toBe(20000);
        expect(await running()).toEqual(['source', name].sort());
      }
      expect((await client.query('SELECT count(*)::int AS n FROM big')).rows).toEqual([{ n: 20000 }]);
    } finally {
      await client.end();
    }
  });
});
