import type { StorageUsage } from '../types';
import type { CatalogData } from './catalog';
import { accountBlocks } from './extents';
import type { StoreLayout } from './layout';

/**
 * Every data directory the store holds for the catalog (databases and snapshots), then what
 * the store keeps for new ones: the template and the blank WAL segment. Those two are no one's
 * bytes, but blocks a database shares with them are not its own (a drop leaves them).
 */
function directories(layout: StoreLayout, catalog: Readonly<CatalogData>): string[] {
  return [
    ...Object.keys(catalog.databases).map((name) => layout.database(name)),
    ...Object.keys(catalog.snapshots).map((name) => layout.snapshot(name)),
    layout.template,
    layout.walBlank,
  ];
}

/**
 * Storage from the file system's own block maps: a database's own bytes are the blocks no
 * other database or snapshot shares, its frees-if-dropped the blocks only it and the
 * snapshots taken of it hold (an environment's drop takes those along), its pinned bytes the
 * blocks only those snapshots hold; a snapshot's pinned bytes (and frees-if-dropped) the
 * blocks only it keeps; physical bytes every block once.
 */
export async function measureUsage(layout: StoreLayout, catalog: Readonly<CatalogData>): Promise<StorageUsage> {
  const dirs = directories(layout, catalog);
  const names = Object.keys(catalog.databases).sort();
  const indexOf = (dir: string) => dirs.indexOf(dir);
  const snapshotDirsOf = (database: string) =>
    Object.entries(catalog.snapshots)
      .filter(([, snapshot]) => snapshot.database === database)
      .map(([snapshot]) => indexOf(layout.snapshot(snapshot)));
  const groups = names.flatMap((database) => [[indexOf(layout.database(database)), ...snapshotDirsOf(database)], snapshotDirsOf(database)]);
  const accounting = await accountBlocks(dirs, groups);
  const databases = names.map((database, index) => {
    const dir = layout.database(database);
    const own = accounting.ownBytes.get(dir) ?? 0;
    const held = accounting.heldBytes.get(dir) ?? 0;
    return {
      database,
      logicalBytes: accounting.logicalBytes.get(dir) ?? 0,
      ownBytes: own,
      sharedBytes: held - own,
      freedIfDroppedBytes: accounting.groupOwnBytes[2 * index]!,
      pinnedBytes: accounting.groupOwnBytes[2 * index + 1]!,
    };
  });
  const snapshots = Object.keys(catalog.snapshots)
    .sort()
    .map((snapshot) => {
      const own = accounting.ownBytes.get(layout.snapshot(snapshot)) ?? 0;
      return { snapshot, pinnedBytes: own, freedIfDroppedBytes: own };
    });
  return {
    measuredAt: new Date(),
    deltaAccounting: true,
    physicalBytes: accounting.physicalBytes,
    logicalBytes: databases.reduce((sum, database) => sum + database.logicalBytes, 0),
    databases,
    snapshots,
  };
}

/** What removing `dir` alone would give back now. */
export async function predictFreedBytes(layout: StoreLayout, catalog: Readonly<CatalogData>, dir: string): Promise<number> {
  return (await accountBlocks(directories(layout, catalog))).ownBytes.get(dir) ?? 0;
}
