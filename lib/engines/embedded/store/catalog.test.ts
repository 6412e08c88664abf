import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Catalog, CATALOG_FILE, emptyCatalog, readCatalog, writeCatalog } from './catalog';
import { LayerStore } from './layer-store';
import { killHard, spawnTypeScript, waitForLine } from './testing/child';
import { createDatabase } from './testing/store-ops';
import { makeTempDir } from './testing/temp-dir';

const WRITER = path.join(import.meta.dirname, 'testing', 'catalog-writer.ts');

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('catalog');
});
afterEach(() => temp.remove());

const leftovers = () => fs.readdirSync(temp.dir).filter((file) => file.endsWith('.tmp'));
const layerFiles = () => fs.readdirSync(path.join(temp.dir, 'layers')).sort();

/** A catalog the writer child produced is whole when its layer records match its generation. */
function expectWhole(catalog: Catalog | null): void {
  expect(catalog).not.toBeNull();
  const ids = Object.keys(catalog!.layers).map(Number);
  expect(catalog!.nextLayerId).toBe(catalog!.generation + 1);
  for (const id of ids) expect(catalog!.layers[id]!.frozen).toEqual({ dataEnd: id, indexEnd: 2 * id });
  expect(ids.length).toBe(catalog!.generation % 400);
}

describe('the catalog', () => {
  it('reads back what was written', () => {
    const catalog = { ...emptyCatalog(), generation: 3, template: [1] };
    writeCatalog(temp.dir, catalog);
    expect(readCatalog(temp.dir)).toEqual(catalog);
    expect(leftovers()).toEqual([]);
  });

  it('is always whole when the writing process is killed at a random moment', async () => {
    for (let kill = 0; kill < 4; kill++) {
      const writer = spawnTypeScript(WRITER, [temp.dir]);
      await waitForLine(writer);
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 250));
      await killHard(writer);
      expectWhole(readCatalog(temp.dir));
    }
  });

  it('ignores a leftover temporary file from a crash, and opening the store removes it', () => {
    const store = LayerStore.open(temp.dir);
    createDatabase(store, 'app');
    store.close();
    const committed = readCatalog(temp.dir);
    // A crash after the temporary file was written but before the rename.
    const stray = path.join(temp.dir, `${CATALOG_FILE}.99999.tmp`);
    fs.writeFileSync(stray, JSON.stringify({ ...committed, databases: {} }).slice(0, 40));
    expect(readCatalog(temp.dir)).toEqual(committed);
    const reopened = LayerStore.open(temp.dir);
    try {
      expect(Object.keys(reopened.snapshotOfCatalog.databases)).toEqual(['app']);
      expect(leftovers()).toEqual([]);
    } finally {
      reopened.close();
    }
  });

  it('is unchanged, on disk and in memory, when a change fails; its new layer files are removed', () => {
    const store = LayerStore.open(temp.dir);
    try {
      createDatabase(store, 'app');
      const before = fs.readFileSync(path.join(temp.dir, CATALOG_FILE), 'utf8');
      const filesBefore = layerFiles();
      expect(() =>
        store.commit((next) => {
          store.newLayer(next);
          next.databases.broken = { chain: [999], createdAt: '' };
          throw new Error('the change failed half way');
        }),
      ).toThrow(/half way/);
      expect(fs.readFileSync(path.join(temp.dir, CATALOG_FILE), 'utf8')).toBe(before);
      expect(store.snapshotOfCatalog.databases.broken).toBeUndefined();
      expect(layerFiles()).toEqual(filesBefore);
    } finally {
      store.close();
    }
  });

  it('removes layer files nothing references when the store opens (a crash between file and catalog)', () => {
    LayerStore.open(temp.dir).close();
    fs.writeFileSync(path.join(temp.dir, 'layers', '77.layer'), 'left by a crash');
    const store = LayerStore.open(temp.dir);
    store.close();
    expect(layerFiles()).toEqual([]);
  });

  it('refuses to open a store whose catalog names a missing layer', () => {
    const store = LayerStore.open(temp.dir);
    createDatabase(store, 'app');
    const [id] = store.database('app').chain;
    store.close();
    fs.rmSync(path.join(temp.dir, 'layers', `${id}.layer`));
    expect(() => LayerStore.open(temp.dir)).toThrow(/missing/);
    expect(fs.existsSync(path.join(temp.dir, 'store.lock'))).toBe(false);
  });
});
