import type { Catalog } from './catalog';
import { ChainView } from './chain-view';
import { copyRecords } from './compaction';
import type { LayerStore } from './layer-store';
import { PAGE_SIZE } from './record-format';

/** A layer is rewritten when less than this share of it is still reachable. */
const KEEP_RATIO = 0.75;
/**
 * The same for a layer a merge just appended to: the pages its child superseded would
 * otherwise stay for good (a merged layer is rarely merged again), and it happens once per
 * merge. A clean layer is ~98 % pages (record headers and its index block are the rest).
 */
const MERGED_KEEP_RATIO = 0.95;

/**
 * Gives back the space of pages no chain can read any more: files deleted while a layer was
 * on top (recycled-away WAL segments, sort spills, dropped tables) stay in its file. A
 * layer whose databases are all stopped, and which is mostly garbage, is copied without it
 * into a new layer that takes its place in every chain; so is a layer in `merged` (merged
 * into by compaction) with any real garbage. Runs synchronously, so no instance can start on
 * the old layer meanwhile. Returns the bytes freed.
 */
export function reclaimSpace(store: LayerStore, isRunning: (database: string) => boolean, merged: ReadonlySet<number> = new Set()): number {
  let freed = 0;
  for (const id of layerIds(store.snapshotOfCatalog)) {
    const catalog = store.snapshotOfCatalog;
    if (!catalog.layers[id]) continue;
    const holders = Object.entries(catalog.databases).filter(([, record]) => record.chain.includes(id));
    if (holders.some(([name]) => isRunning(name))) continue;
    const keepRatio = merged.has(id) ? MERGED_KEEP_RATIO : KEEP_RATIO;
    freed += rewriteIfMostlyGarbage(store, id, chainsThrough(catalog, id)[0]!, keepRatio);
  }
  return freed;
}

function rewriteIfMostlyGarbage(store: LayerStore, id: number, chainThrough: number[], keepRatio: number): number {
  const prefix = chainThrough.slice(0, chainThrough.indexOf(id) + 1);
  const layers = store.layersOf(prefix);
  const layer = layers[layers.length - 1]!;
  // Files visible as of this layer: no later layer can bring back one deleted here.
  const reachable = new Set(new ChainView(layers).files().map(([, entry]) => entry.inode));
  let liveBytes = 0;
  for (const [inode, pages] of layer.index.pages) if (reachable.has(inode)) liveBytes += pages.size * PAGE_SIZE;
  const before = layer.bytes;
  if (liveBytes >= before * keepRatio) return 0;
  let after = before;
  store.commit((next) => {
    const fresh = store.newLayer(next);
    copyRecords(fresh, layer, (inode) => reachable.has(inode));
    if (next.layers[id]?.frozen) next.layers[fresh.id] = { ...next.layers[fresh.id]!, frozen: fresh.freeze() };
    replaceLayer(next, id, fresh.id);
    after = fresh.bytes;
  });
  return before - after;
}

function replaceLayer(catalog: Catalog, from: number, to: number): void {
  const swap = (chain: number[]) => chain.map((id) => (id === from ? to : id));
  if (catalog.template) catalog.template = swap(catalog.template);
  for (const record of Object.values(catalog.databases)) record.chain = swap(record.chain);
  for (const record of Object.values(catalog.snapshots)) record.chain = swap(record.chain);
}

function chainsOf(catalog: Catalog): number[][] {
  return [
    ...(catalog.template ? [catalog.template] : []),
    ...Object.values(catalog.databases).map((record) => record.chain),
    ...Object.values(catalog.snapshots).map((record) => record.chain),
  ];
}

function chainsThrough(catalog: Catalog, id: number): number[][] {
  return chainsOf(catalog).filter((chain) => chain.includes(id));
}

function layerIds(catalog: Catalog): number[] {
  return [...new Set(chainsOf(catalog).flat())];
}
