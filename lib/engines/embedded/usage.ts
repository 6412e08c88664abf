import type { DatabaseUsage, SnapshotUsage, StorageUsage } from '../types';
import { layerReferrers } from './store/catalog';
import { ChainView } from './store/chain-view';
import type { LayerStore } from './store/layer-store';

/**
 * Storage accounting, read off the store's structure. A layer file is freed exactly when the
 * last chain naming it goes, so "what dropping these would give back" is the bytes of the
 * layers only they hold:
 * - logical bytes: what the database sees (every data-holding byte of every file in its chain);
 * - own bytes: layers only this database holds (its delta since it was cloned or snapshotted);
 * - frees-if-dropped: layers only it and the snapshots taken of it hold (an environment's drop
 *   takes its snapshots along), so a layer its reset point shares with it counts here;
 * - pinned bytes: layers only its snapshots hold (what dropping them alone gives back);
 * - shared bytes: layers of its chain that other databases, snapshots or the template also hold;
 * - a snapshot's pinned bytes: layers of its chain no database holds; its frees-if-dropped:
 *   layers only it holds;
 * - physical bytes: every layer file plus the catalog, as stored on disk.
 * The catalog itself (a few hundred bytes per object) is left out of the per-object figures.
 */
export function measureUsage(store: LayerStore): StorageUsage {
  const catalog = store.snapshotOfCatalog;
  const referrers = layerReferrers(catalog);
  const heldOnlyBy = (who: ReadonlySet<string>) => bytesHeldOnlyBy(store, referrers, who);
  const databases: DatabaseUsage[] = Object.entries(catalog.databases).map(([name, record]) => {
    const snapshotsOf = Object.entries(catalog.snapshots)
      .filter(([, snapshot]) => snapshot.database === name)
      .map(([snapshot]) => `snap:${snapshot}`);
    const ownBytes = heldOnlyBy(new Set([`db:${name}`]));
    const held = record.chain.reduce((sum, id) => sum + store.layerBytes(id), 0);
    return {
      database: name,
      logicalBytes: chainLogicalBytes(store, record.chain),
      ownBytes,
      sharedBytes: held - ownBytes,
      freedIfDroppedBytes: heldOnlyBy(new Set([`db:${name}`, ...snapshotsOf])),
      pinnedBytes: heldOnlyBy(new Set(snapshotsOf)),
    };
  });
  const snapshots: SnapshotUsage[] = Object.entries(catalog.snapshots).map(([name, record]) => {
    let pinnedBytes = 0;
    for (const id of record.chain) {
      const holders = [...(referrers.get(id) ?? [])];
      if (holders.every((holder) => holder.startsWith('snap:'))) pinnedBytes += store.layerBytes(id);
    }
    return { snapshot: name, pinnedBytes, freedIfDroppedBytes: heldOnlyBy(new Set([`snap:${name}`])) };
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

/** Bytes of the layers every one of whose holders is in `who`: what dropping all of `who` frees. */
function bytesHeldOnlyBy(store: LayerStore, referrers: ReadonlyMap<number, ReadonlySet<string>>, who: ReadonlySet<string>): number {
  if (who.size === 0) return 0;
  let bytes = 0;
  for (const [id, holders] of referrers) {
    if ([...holders].every((holder) => who.has(holder))) bytes += store.layerBytes(id);
  }
  return bytes;
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
