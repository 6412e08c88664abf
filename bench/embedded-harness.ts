import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { EmbeddedEngine } from '@/lib/engines/embedded';
import { InstancePool, LEAN_SETTINGS } from '@/lib/engines/embedded/instances';
import { ChainView } from '@/lib/engines/embedded/store/chain-view';
import { CowFilesystem } from '@/lib/engines/embedded/store/cow-filesystem';
import { LayerStore } from '@/lib/engines/embedded/store/layer-store';
import { PAGE_SIZE } from '@/lib/engines/embedded/store/record-format';
import { WireServer } from '@/lib/engines/embedded/wire-server';

/**
 * The embedded engine wired as `openEmbeddedEngine` wires it (same defaults: chains deeper
 * than 8 are compacted), but keeping the store at hand so the bench can talk to a stopped
 * database's PGlite directly, in this thread, as a stock PGlite is talked to.
 */
export interface EmbeddedHarness {
  dir: string;
  store: LayerStore;
  pool: InstancePool;
  engine: EmbeddedEngine;
}

export function openHarness(): EmbeddedHarness {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-bench-store-'));
  const store = LayerStore.open(dir);
  const pool = new InstancePool(store, { idleMs: 24 * 3600_000, maxRunning: 8, slotWaitMs: 30_000, turnWaitMs: 60_000 });
  const wire = new WireServer(pool);
  const engine = new EmbeddedEngine(store, pool, wire, { maxChainDepth: 8, consoleTimeoutMs: 600_000 });
  return { dir, store, pool, engine };
}

export async function closeHarness(harness: EmbeddedHarness): Promise<void> {
  try {
    await harness.engine.close();
  } finally {
    fs.rmSync(harness.dir, { recursive: true, force: true });
  }
}

/**
 * PGlite over the database's chain in this thread (what the engine's workers run), so the
 * bench times the layer store and not the message passing. The database's worker is stopped first.
 */
export async function openInThread(harness: EmbeddedHarness, database: string): Promise<PGlite> {
  await harness.pool.stop(database);
  const filesystem = new CowFilesystem(new ChainView(harness.store.layersOf(harness.store.database(database).chain)));
  const startParams = [...PGlite.defaultStartParams, ...LEAN_SETTINGS.flatMap((setting) => ['-c', setting])];
  return PGlite.create({ fs: filesystem, extensions: { vector }, startParams });
}

export async function withPg<T>(harness: EmbeddedHarness, database: string, work: (pg: PGlite) => Promise<T>): Promise<T> {
  const pg = await openInThread(harness, database);
  try {
    return await work(pg);
  } finally {
    await pg.close();
  }
}

export async function exec(harness: EmbeddedHarness, database: string, sql: string): Promise<void> {
  await withPg(harness, database, (pg) => pg.exec(sql));
}

export async function scalar(harness: EmbeddedHarness, database: string, sql: string): Promise<number> {
  const result = await withPg(harness, database, (pg) => pg.query<{ value: number | string }>(sql));
  return Number(result.rows[0]?.value);
}

export async function databaseUsage(harness: EmbeddedHarness, database: string) {
  const usage = await harness.engine.usage();
  const found = usage.databases.find((entry) => entry.database === database);
  if (!found) throw new Error(`no usage for ${database}`);
  return { ...found, physicalBytes: usage.physicalBytes ?? 0 };
}

/**
 * Where the bytes of a database's top layer went: pages of WAL segments, of relation files,
 * of other live files, and of files since deleted (their pages stay in the append-only
 * layer file); the rest of the file is record headers, truncated pages and metadata.
 */
export interface TopLayerBreakdown {
  walBytes: number;
  relationBytes: number;
  otherBytes: number;
  deletedFileBytes: number;
  fileBytes: number;
}

export function topLayerBreakdown(harness: EmbeddedHarness, database: string): TopLayerBreakdown {
  const layers = harness.store.layersOf(harness.store.database(database).chain);
  const top = layers[layers.length - 1]!;
  const paths = new Map(new ChainView(layers).files().map(([filePath, entry]) => [entry.inode, filePath]));
  const breakdown: TopLayerBreakdown = { walBytes: 0, relationBytes: 0, otherBytes: 0, deletedFileBytes: 0, fileBytes: top.bytes };
  for (const [inode, pages] of top.index.pages) {
    const filePath = paths.get(inode);
    const bytes = pages.size * PAGE_SIZE;
    if (filePath === undefined) breakdown.deletedFileBytes += bytes;
    else if (filePath.startsWith('/pg_wal/')) breakdown.walBytes += bytes;
    else if (filePath.startsWith('/base/') || filePath.startsWith('/global/')) breakdown.relationBytes += bytes;
    else breakdown.otherBytes += bytes;
  }
  return breakdown;
}

export function chainLength(harness: EmbeddedHarness, database: string): number {
  return harness.store.snapshotOfCatalog.databases[database]?.chain.length ?? 0;
}
