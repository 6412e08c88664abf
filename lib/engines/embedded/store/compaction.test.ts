import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { findMergeCandidates } from './compaction';
import { LayerStore } from './layer-store';
import { firstDifference, type TreeContents } from './testing/fs-reference';
import {
  cloneNow,
  createDatabase,
  dropDatabase,
  dropSnapshot,
  readAllChains,
  scribble,
  snapshot,
  storedPageCount,
} from './testing/store-ops';
import { makeTempDir, type SeededRandom, seededRandom } from './testing/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
let store: LayerStore;
beforeEach(() => {
  temp = makeTempDir('compaction');
  store = LayerStore.open(temp.dir);
});
afterEach(() => {
  store.close();
  temp.remove();
});

function expectSameChains(before: Map<string, TreeContents>, after: Map<string, TreeContents>, context: string): void {
  expect([...after.keys()].sort(), context).toEqual([...before.keys()].sort());
  for (const [chain, tree] of before) {
    const difference = firstDifference(tree, after.get(chain)!);
    if (difference) throw new Error(`${context}: ${chain}: ${difference}`);
  }
}

/** Compacts, checking reads of every chain, the bytes on disk and the stored pages; returns the merges done. */
function compactAndCheck(maxDepth: number, context: string): number {
  const before = readAllChains(store);
  const bytesBefore = store.physicalBytes();
  const pagesBefore = storedPageCount(store);
  const layersBefore = Object.keys(store.snapshotOfCatalog.layers).map(Number);
  const layerBytes = new Map(layersBefore.map((id) => [id, store.layerBytes(id)]));
  const { merged } = store.compact(maxDepth);
  const remaining = new Set(Object.keys(store.snapshotOfCatalog.layers).map(Number));
  const mergedChildren = layersBefore.filter((id) => !remaining.has(id));
  expect(mergedChildren.length, context).toBe(merged);
  const childBytes = mergedChildren.reduce((sum, id) => sum + layerBytes.get(id)!, 0);
  expect(store.physicalBytes(), `${context}: bytes on disk`).toBeLessThanOrEqual(bytesBefore + childBytes);
  expect(storedPageCount(store), `${context}: stored pages`).toBeLessThanOrEqual(pagesBefore);
  expectSameChains(before, readAllChains(store), context);
  return merged;
}

describe('compaction', () => {
  it('merges a parent with its single child and keeps every chain reading the same', () => {
    const random = seededRandom(7);
    createDatabase(store, 'app');
    for (let round = 1; round <= 5; round++) {
      scribble(store, 'app', random);
      snapshot(store, 'app', `s${round}`);
    }
    cloneNow(store, 'app', 'branch');
    scribble(store, 'branch', random);
    for (const round of [1, 2, 3]) dropSnapshot(store, `s${round}`);
    // Five frozen layers and the empty top (the clone found nothing new to freeze).
    expect(store.database('app').chain.length).toBe(6);
    expect(compactAndCheck(3, 'after dropping s1..s3')).toBeGreaterThan(0);
    const catalog = store.snapshotOfCatalog;
    for (const chain of [...Object.values(catalog.databases), ...Object.values(catalog.snapshots)].map((record) => record.chain)) {
      expect(chain.length).toBeLessThanOrEqual(4);
    }
  });

  it('never merges a layer that a chain ends at or that has two children', () => {
    const random = seededRandom(8);
    createDatabase(store, 'app');
    scribble(store, 'app', random);
    snapshot(store, 'app', 'kept');
    scribble(store, 'app', random);
    cloneNow(store, 'app', 'left');
    cloneNow(store, 'app', 'right');
    expect(findMergeCandidates(store.snapshotOfCatalog)).toEqual([]);
    expect(compactAndCheck(1, 'nothing to merge')).toBe(0);
  });

  it('leaves the file of a merged layer that a worker holds until it lets go', () => {
    const random = seededRandom(9);
    createDatabase(store, 'app');
    for (const name of ['s1', 's2', 's3']) {
      scribble(store, 'app', random);
      snapshot(store, 'app', name);
    }
    for (const name of ['s1', 's2', 's3']) dropSnapshot(store, name);
    const chain = [...store.database('app').chain];
    store.holdLayers(chain);
    store.holdLayers(chain); // a second worker on the same layers
    expect(compactAndCheck(0, 'held layers')).toBeGreaterThan(0);
    const merged = chain.filter((id) => !store.database('app').chain.includes(id));
    expect(merged.length).toBeGreaterThan(0);
    const onDisk = () => chain.filter((id) => fs.existsSync(store.layerPath(id)));
    expect(onDisk()).toEqual(chain);
    expect(store.releaseLayers(chain)).toBe(0);
    expect(onDisk()).toEqual(chain);
    expect(store.releaseLayers(chain)).toBeGreaterThan(0);
    expect(onDisk()).toEqual(store.database('app').chain.filter((id) => chain.includes(id)));
  });

  for (const seed of [11, 12, 13]) {
    it(`keeps every database and snapshot reading the same through random operations (seed ${seed})`, () => {
      const random = seededRandom(seed);
      createDatabase(store, 'd0');
      let merges = 0;
      for (let count = 1; count <= 80; count++) {
        const context = `seed ${seed}, step ${count}`;
        randomStoreStep(random, count);
        if (random.chance(0.3)) merges += compactAndCheck(2 + random.int(2), context);
        if (random.chance(0.1)) reopenAndCheck(context);
      }
      expect(merges).toBeGreaterThan(0);
    });
  }
});

function randomStoreStep(random: SeededRandom, count: number): void {
  const catalog = store.snapshotOfCatalog;
  const databases = Object.keys(catalog.databases);
  const snapshots = Object.keys(catalog.snapshots);
  const roll = random.next();
  const database = random.pick(databases);
  if (roll < 0.4) scribble(store, database, random);
  else if (roll < 0.65) snapshot(store, database, `s${count}`);
  else if (roll < 0.75 && databases.length < 5) cloneNow(store, database, `d${count}`);
  else if (roll < 0.85 && snapshots.length > 0) dropSnapshot(store, random.pick(snapshots));
  else if (databases.length > 1) dropDatabase(store, database);
}

function reopenAndCheck(context: string): void {
  const before = readAllChains(store);
  store.close();
  store = LayerStore.open(temp.dir);
  expectSameChains(before, readAllChains(store), `${context}, after reopening the store`);
}
