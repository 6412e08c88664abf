import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { chainLength, type EmbeddedHarness, exec, openInThread, withPg } from './embedded-harness';
import { diskReadBytes, dropFileCache, progress } from './measure';
import { dumpClean, openStock, removeStock, stockDataDir } from './stock-pglite';
import { type QueryKind, runWorkload, throughputRatios, type WorkloadResult } from './workload';

export const MIN_CHAIN_LAYERS = 10;

/**
 * A clone standing on a deep chain: small updates to `source`, each followed by a snapshot
 * (kept, so compaction cannot merge the layers), then a clone of the last snapshot.
 */
export async function buildDeepChain(
  harness: EmbeddedHarness,
  source: string,
  target: string,
): Promise<{ layers: number; snapshots: string[] }> {
  progress(`building a ${MIN_CHAIN_LAYERS}-layer chain`);
  const snapshots: string[] = [];
  for (let step = 1; step <= MIN_CHAIN_LAYERS; step++) {
    const first = step * 5000;
    await exec(harness, source, `UPDATE user_behavior SET quantity = quantity + 1 WHERE id BETWEEN ${first} AND ${first + 99}`);
    snapshots.push(`chain_${step}`);
    await harness.engine.createSnapshot(`chain_${step}`, { level: 'database', database: source });
  }
  await harness.engine.cloneDatabase({ source, target, from: { kind: 'snapshot', snapshot: snapshots[snapshots.length - 1]! } });
  const layers = chainLength(harness, target);
  if (layers < MIN_CHAIN_LAYERS) throw new Error(`the clone's chain has only ${layers} layers`);
  return { layers, snapshots };
}

export interface InstanceReads {
  /** Best per query kind of the cold passes (instance just started, its files evicted from the page cache). */
  cold: WorkloadResult;
  /** Best per query kind of the warm passes (instance running, workload already run). */
  warm: WorkloadResult;
  /** The instance's wasm memory after the workload: its peak, since wasm memory never shrinks. */
  wasmHeapBytes: number;
  /** Bytes read from the disk during each cold pass. */
  coldDiskReadBytes: number[];
}

export interface ChainReadComparison {
  layers: number;
  coldPasses: number;
  warmPasses: number;
  embedded: InstanceReads;
  stock: InstanceReads;
  ratios: { cold: Record<QueryKind, number>; warm: Record<QueryKind, number> };
}

const COLD_PASSES = 2;
const WARM_PASSES = 3;

function bestOf(results: WorkloadResult[]): WorkloadResult {
  const pick = (kind: QueryKind) =>
    results.map((result) => result[kind]).reduce((best, next) => (next.queriesPerSecond > best.queriesPerSecond ? next : best));
  return { point: pick('point'), range: pick('range'), count: pick('count') };
}

/** One side of the comparison: how to start it cold, and its instance while it runs. */
interface Side {
  startCold(): Promise<PGlite>;
  stop(): Promise<void>;
  passes: { cold: WorkloadResult[]; warm: WorkloadResult[] };
  coldDiskReadBytes: number[];
  wasmHeapBytes: number;
}

function embeddedSide(harness: EmbeddedHarness, database: string): Side {
  let running: PGlite | null = null;
  const stop = async () => {
    await running?.close();
    running = null;
  };
  return {
    async startCold() {
      await stop();
      dropFileCache(path.join(harness.dir, 'layers'));
      running = await openInThread(harness, database);
      return running;
    },
    stop,
    passes: { cold: [], warm: [] },
    coldDiskReadBytes: [],
    wasmHeapBytes: 0,
  };
}

function stockSide(dir: string): Side {
  let running: PGlite | null = null;
  const stop = async () => {
    await running?.close();
    running = null;
  };
  return {
    async startCold() {
      await stop();
      dropFileCache(dir);
      running = await openStock(dir);
      return running;
    },
    stop,
    passes: { cold: [], warm: [] },
    coldDiskReadBytes: [],
    wasmHeapBytes: 0,
  };
}

/**
 * Cold passes, then warm passes, alternating the two sides (and the order within a cold
 * round) so neither profits from running second on a busy two-core machine.
 */
async function alternate(sides: [Side, Side], rows: number): Promise<void> {
  for (let round = 0; round < COLD_PASSES; round++) {
    for (const side of round % 2 ? [...sides].reverse() : sides) {
      const pg = await side.startCold();
      const readBefore = diskReadBytes();
      side.passes.cold.push(await runWorkload(pg, rows));
      side.coldDiskReadBytes.push(diskReadBytes() - readBefore);
    }
  }
  const instances = [await sides[0].startCold(), await sides[1].startCold()];
  for (const pg of instances) await runWorkload(pg, rows);
  for (let round = 0; round < WARM_PASSES; round++) {
    for (const [at, side] of sides.entries()) side.passes.warm.push(await runWorkload(instances[at]!, rows));
  }
  for (const [at, side] of sides.entries()) side.wasmHeapBytes = instances[at]!.Module.wasmMemory.buffer.byteLength;
}

const summary = (side: Side): InstanceReads => ({
  cold: bestOf(side.passes.cold),
  warm: bestOf(side.passes.warm),
  wasmHeapBytes: side.wasmHeapBytes,
  coldDiskReadBytes: side.coldDiskReadBytes,
});

/**
 * The deep clone against stock PGlite on node's filesystem holding the same data (loaded
 * from its dump). A first untimed pass warms up the JIT and wasm tiers (whichever instance
 * ran first was otherwise slower), so "cold" means a cold data cache, not a cold compiler.
 */
export async function compareChainReads(
  harness: EmbeddedHarness,
  database: string,
  rows: number,
  layers: number,
): Promise<ChainReadComparison> {
  const dump = await withPg(harness, database, dumpClean);
  const dir = stockDataDir();
  const sides: [Side, Side] = [embeddedSide(harness, database), stockSide(dir)];
  try {
    const loaded = await openStock(dir, dump);
    await runWorkload(loaded, rows).finally(() => loaded.close());
    progress(`read workload: ${layers}-layer clone vs stock PGlite`);
    await alternate(sides, rows);
    const [embedded, stock] = sides.map(summary) as [InstanceReads, InstanceReads];
    const ratios = { cold: throughputRatios(embedded.cold, stock.cold), warm: throughputRatios(embedded.warm, stock.warm) };
    return { layers, coldPasses: COLD_PASSES, warmPasses: WARM_PASSES, embedded, stock, ratios };
  } finally {
    for (const side of sides) await side.stop();
    removeStock(dir);
  }
}
