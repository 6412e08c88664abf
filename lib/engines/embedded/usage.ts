import type { DatabaseUsage, SnapshotUsage, StorageUsage } from '../types';
import { layerReferrers } from './store/catalog';
import { ChainView } from './store/chain-view';
import type { LayerStore } from './store/layer-store';

/**
 * Storage accounting, read off the store's structure:
 * - logical bytes: what the database sees (every data-holding byte of every file in its chain);
 * - own bytes: layers only this database refers to (its delta since it was cloned or snapshotted);
 * - shared bytes: layers of its chain that other databases, snapshots or the template also hold;
 * - a snapshot's pinned bytes: layers that only snapshots keep (no database holds them);
 * - physical bytes: every layer file plus the catalog, as stored on disk.
 */
export function measureUsage(store: LayerStore): StorageUsage {
  const catalog = store.snapshotOfCatalog;
  const referrers = layerReferrers(catalog);
  const databases: DatabaseUsage[] = Object.entries(catalog.databases).map(([name, record]) => {
    let ownBytes = 0;
    let sharedBytes = 0;
    for (const id of record.chain) {
      const holders = referrers.get(id);
      const bytes = store.layerBytes(id);
      if (holders?.size === 1) ownBytes += bytes;
      else sharedBytes += bytes;
    }
    return { database: name, logicalBytes: chainLogicalBytes(store, record.chain), ownBytes, sharedBytes };
  });
  const snapshots: SnapshotUsage[] = Object.entries(catalog.snapshots).map(([name, record]) => {
    let pinnedBytes = 0;
    for (const id of record.chain) {
      const holders = [...(referrers.get(id) ?? [])];
      if (holders.every((holder) => holder.startsWith('snap:'))) pinnedBytes += store.layerBytes(id);
    }
    return { snapshot: name, pinnedBytes };
  });
  return {
    measuredAt: new Date(),
    deltaAccounting: true,
    physicalBytes: store.physicalBytes(),
    logicalBytes: databases.reduce((sum, database) => sum + database.logicalBytes, 0),
    databases,
    snapshots,
  };
}

/**
 * Databases cloned from a snapshot that still stand on its layers. The clone's recorded
 * origin says which snapshot it came from; sharing layers alone cannot tell, because a
 * snapshot of a database unchanged since its last freeze ends at a layer that its own
 * database, the template or other clones also hold. The chain check keeps a clone of an
 * older, dropped snapshot of the same name out.
 */
export function databasesOnSnapshot(store: LayerStore, snapshot: string): string[] {
  const catalog = store.snapshotOfCatalog;
  const record = catalog.snapshots[snapshot];
  if (!record) return [];
  const top = record.chain[record.chain.length - 1];
  return Object.entries(catalog.databases)
    .filter(([, database]) => database.origin?.snapshot === snapshot && top !== undefined && database.chain.includes(top))
    .map(([name]) => name);
}

/**
 * Walking a chain's page maps costs time in proportion to its pages, and the dashboard asks
 * every few seconds: the answer is kept until one of the chain's layers changes (only a top
 * grows; a frozen layer never changes, and its id is never reused).
 */
const logicalCache = new WeakMap<LayerStore, Map<string, { layerBytes: number; logicalBytes: number }>>();

export function chainLogicalBytes(store: LayerStore, chain: readonly number[]): number {
  let cache = logicalCache.get(store);
  if (!cache) logicalCache.set(store, (cache = new Map()));
  const key = chain.join(',');
  const layerBytes = chain.reduce((sum, id) => sum + store.layerBytes(id), 0);
  const cached = cache.get(key);
  if (cached?.layerBytes === layerBytes) return cached.logicalBytes;
  const view = new ChainView(store.layersOf(chain));
  let logicalBytes = 0;
  for (const [, entry] of view.files()) logicalBytes += view.storedBytesOf(entry.inode);
  if (cache.size > 1_000) cache.clear(); // chains of dropped databases would otherwise pile up
  cache.set(key, { layerBytes, logicalBytes });
  return logicalBytes;
}
