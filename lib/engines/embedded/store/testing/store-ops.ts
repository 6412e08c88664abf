import { ChainView } from '../chain-view';
import type { LayerStore } from '../layer-store';
import { PAGE_SIZE } from '../record-format';
import { readViewTree, type TreeContents } from './fs-reference';
import type { SeededRandom } from './temp-dir';

/**
 * Store operations as the engine performs them (commit on a copy of the catalog, freeze a
 * top, stack a new one), without PGlite: the files written are plain random bytes.
 */
export function createDatabase(store: LayerStore, name: string): void {
  store.commit((next) => {
    next.databases[name] = { chain: [store.newLayer(next).id], createdAt: new Date().toISOString() };
  });
}

export function snapshot(store: LayerStore, database: string, name: string): void {
  const undo: Array<() => void> = [];
  store.commit(
    (next) => {
      next.snapshots[name] = { database, chain: store.freezeTop(next, database, undo), createdAt: new Date().toISOString() };
    },
    () => undo.forEach((step) => step()),
  );
}

export function cloneNow(store: LayerStore, source: string, target: string): void {
  const undo: Array<() => void> = [];
  store.commit(
    (next) => {
      const chain = store.freezeTop(next, source, undo);
      next.databases[target] = { chain: [...chain, store.newLayer(next).id], createdAt: new Date().toISOString() };
    },
    () => undo.forEach((step) => step()),
  );
}

export function dropDatabase(store: LayerStore, name: string): void {
  store.commit((next) => {
    delete next.databases[name];
  });
}

export function dropSnapshot(store: LayerStore, name: string): void {
  store.commit((next) => {
    delete next.snapshots[name];
  });
}

export function viewOf(store: LayerStore, chain: readonly number[]): ChainView {
  return new ChainView(store.layersOf(chain));
}

/** Random changes to a database's files: new files, page writes, truncations, a removal. */
export function scribble(store: LayerStore, database: string, random: SeededRandom): void {
  const view = viewOf(store, store.database(database).chain);
  for (let change = 0; change < 4; change++) {
    const name = `/f${random.int(6)}`;
    const entry = view.lookup(name);
    if (!entry) {
      view.createFile(name, 0o100600);
      continue;
    }
    const roll = random.next();
    if (roll < 0.15) view.removeFile(name);
    else if (roll < 0.3) view.truncate(entry.inode, random.int(view.sizeOf(entry.inode) + 1));
    else {
      const bytes = Buffer.alloc(1 + random.int(2 * PAGE_SIZE), 1 + random.int(255));
      view.write(entry.inode, bytes, 0, bytes.length, random.int(6 * PAGE_SIZE));
    }
  }
}

/** What every database and snapshot of the store shows, by "db:NAME" / "snap:NAME". */
export function readAllChains(store: LayerStore): Map<string, TreeContents> {
  const catalog = store.snapshotOfCatalog;
  const trees = new Map<string, TreeContents>();
  for (const [name, record] of Object.entries(catalog.databases)) trees.set(`db:${name}`, readViewTree(viewOf(store, record.chain)));
  for (const [name, record] of Object.entries(catalog.snapshots)) trees.set(`snap:${name}`, readViewTree(viewOf(store, record.chain)));
  return trees;
}

/** Distinct page payloads the store holds: a merge that duplicated shared data would raise it. */
export function storedPageCount(store: LayerStore): number {
  return Object.keys(store.snapshotOfCatalog.layers).reduce((sum, id) => sum + store.layersOf([Number(id)])[0]!.index.pageCount, 0);
}
