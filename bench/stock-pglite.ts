import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { LEAN_SETTINGS } from '@/lib/engines/embedded/instances';

/** The engine's Postgres settings, so a stock PGlite runs with exactly the same ones. */
export const ENGINE_START_PARAMS = [...PGlite.defaultStartParams, ...LEAN_SETTINGS.flatMap((setting) => ['-c', setting])];

/** A stock PGlite on its default node filesystem, in a temporary directory. */
export interface StockPglite {
  dir: string;
  pg: PGlite;
}

export function stockDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-bench-stock-'));
}

/** Opens a data directory (loading `dump` into it first, when given). */
export async function openStock(dir: string, dump?: Blob): Promise<PGlite> {
  return PGlite.create(dir, { extensions: { vector }, startParams: ENGINE_START_PARAMS, ...(dump ? { loadDataDir: dump } : {}) });
}

export function removeStock(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A clean point, then the whole data directory as an uncompressed tarball. */
export async function dumpClean(pg: PGlite): Promise<Blob> {
  await pg.exec('CHECKPOINT');
  return pg.dumpDataDir('none');
}
