import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { wireClient } from '../testing/wire-client';
import type { EmbeddedEngine } from './engine';
import { openEmbeddedEngine } from './index';
import { referencedLayers } from './store/catalog';
import { LAYER_DIR, layerFileName } from './store/layer-store';
import { makeTempDir } from './store/testing/temp-dir';

/**
 * Compaction under a running database: a connected client writes and reads all along while
 * snapshots and a sibling clone are made and dropped and the store compacts and reclaims.
 * The layers each snapshot leaves shrink within a round, so one compaction pass merges the
 * newest pair first and then merges that result into the layer below: the chain the worker
 * was told after the first merge names a layer the second merge removed. A second client's
 * slow statement keeps the worker busy meanwhile, so it reads that chain only after the
 * second merge, as any busy worker would. The worker must follow without restarting (no
 * client is disconnected), keep every acknowledged write, and no layer file may outlive the
 * worker's need for it.
 */
const temp = makeTempDir('chain-follow');
let engine: EmbeddedEngine;

beforeAll(async () => {
  engine = await openEmbeddedEngine({ dataDir: temp.dir, idleMs: 600_000 });
  await engine.createDatabase('app', { initialSql: 'CREATE TABLE acked (id int PRIMARY KEY, pad text NOT NULL)' });
});
afterAll(async () => {
  await engine?.close();
  temp.remove();
});

/** Inserts and reads one row at a time until stopped; remembers what the server acknowledged. */
function writeAlong(client: pg.Client) {
  const acknowledged: number[] = [];
  let failure: unknown = null;
  let stop = false;
  const done = (async () => {
    for (let id = 1; !stop; id++) {
      try {
        await client.query('INSERT INTO acked (id, pad) VALUES ($1, repeat($2, 50))', [id, 'w']);
        acknowledged.push(id);
        if (id % 10 === 0) {
          const { rows } = await client.query('SELECT count(*)::int AS n FROM acked WHERE id BETWEEN 1 AND $1', [id]);
          if (rows[0].n !== acknowledged.length) throw new Error(`read ${rows[0].n} rows, ${acknowledged.length} acknowledged`);
        }
      } catch (error) {
        failure = error;
        return;
      }
    }
  })();
  return {
    acknowledged,
    failure: () => failure,
    async stop() {
      stop = true;
      await done;
    },
  };
}

let bulkRows = 0;
/** ~1 KiB rows under negative ids (the writer's are positive), so a layer's size is chosen. */
async function bulk(rows: number): Promise<void> {
  await engine.query(
    'app',
    `INSERT INTO acked (id, pad) SELECT -g, repeat('x', 1000) FROM generate_series(${bulkRows + 1}, ${bulkRows + rows}) g`,
  );
  bulkRows += rows;
}

/** Layer files on disk that the catalog does not name (a layer kept for a worker, or leaked). */
function unreferencedLayerFiles(): string[] {
  const referenced = referencedLayers(engine.store.snapshotOfCatalog);
  return fs.readdirSync(path.join(temp.dir, LAYER_DIR)).filter((file) => ![...referenced].some((id) => layerFileName(id) === file));
}

async function eventually(condition: () => boolean, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition still false after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('a running database follows repeated compactions and reclaims without restarting', { timeout: 240_000 }, async () => {
  const client = await wireClient(engine, 'app');
  let disconnected = false;
  client.on('end', () => (disconnected = true));
  const writer = writeAlong(client);
  const sleeper = await wireClient(engine, 'app');
  sleeper.on('end', () => (disconnected = true));
  try {
    for (let round = 1; round <= 3; round++) {
      // Shrinking layers: big, smaller, only the writer's rows.
      const snapshots = [`r${round}big`, `r${round}small`, `r${round}least`];
      await bulk(3000);
      await engine.createSnapshot(snapshots[0]!, { level: 'database', database: 'app' });
      await bulk(1000);
      await engine.createSnapshot(snapshots[1]!, { level: 'database', database: 'app' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      await engine.createSnapshot(snapshots[2]!, { level: 'database', database: 'app' });
      // A sibling on one of them runs, and is dropped: its layers go, and a reclaim follows.
      await engine.cloneDatabase({ source: 'app', target: `sibling${round}`, from: { kind: 'snapshot', snapshot: snapshots[1]! } });
      expect((await engine.query(`sibling${round}`, 'SELECT count(*) > 0 FROM acked')).rows).toEqual([[true]]);
      await engine.dropDatabase(`sibling${round}`);
      for (const name of snapshots) await engine.dropSnapshot(name);
      const busy = sleeper.query('SELECT pg_sleep(0.5)');
      await new Promise((resolve) => setTimeout(resolve, 100));
      await engine.reclaimSpace();
      await busy;
      // Layers kept for the worker go once it has moved off them.
      await eventually(() => unreferencedLayerFiles().length === 0);
      expect(writer.failure()).toBeNull();
      expect(disconnected).toBe(false);
      expect(engine.store.database('app').chain.length).toBeLessThanOrEqual(3);
    }
  } finally {
    await writer.stop();
  }
  expect(writer.failure()).toBeNull();
  expect(disconnected).toBe(false);
  expect(writer.acknowledged.length).toBeGreaterThan(0);
  const { rows } = await client.query('SELECT id FROM acked WHERE id > 0 ORDER BY id');
  expect(rows.map((row: { id: number }) => row.id)).toEqual(writer.acknowledged);
  await client.end();
  await sleeper.end();
});
