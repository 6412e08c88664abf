import { databaseUsage, type EmbeddedHarness, exec, scalar, type TopLayerBreakdown, topLayerBreakdown, withPg } from './embedded-harness';
import { PAGE_SIZE } from '@/lib/engines/embedded/store/record-format';
import { progress, timeMs } from './measure';

export interface FreshCloneBytes {
  sourceState: 'running, top just loaded' | 'idle';
  /** This clone's time: the first one after a load also freezes the loaded top (writes its index block). */
  cloneMs: number;
  physicalBytesBefore: number;
  physicalBytesAfter: number;
  addedBytes: number;
  cloneOwnBytes: number;
}

/** Store bytes added by one clone of `source`, and the clone's own bytes. */
export async function measureFreshClone(
  harness: EmbeddedHarness,
  source: string,
  target: string,
  state: FreshCloneBytes['sourceState'],
): Promise<FreshCloneBytes> {
  if (state === 'idle') await harness.pool.stop(source);
  const before = harness.store.physicalBytes();
  const clone = await timeMs(() => harness.engine.cloneDatabase({ source, target, from: { kind: 'now' } }));
  const usage = await databaseUsage(harness, target);
  await harness.engine.dropDatabase(target);
  return {
    sourceState: state,
    cloneMs: clone.ms,
    physicalBytesBefore: before,
    physicalBytesAfter: usage.physicalBytes,
    addedBytes: usage.physicalBytes - before,
    cloneOwnBytes: usage.ownBytes ?? 0,
  };
}

export type UpdatePattern = 'contiguous' | 'random';

export interface DeltaResult {
  pattern: UpdatePattern;
  where: string;
  rowsUpdated: number;
  updateMs: number;
  /** The clone's own bytes just before the update (startup and the page count above wrote this much). */
  ownBytesBefore: number;
  ownBytes: number;
  /** Own bytes over pg_database_size of the source. */
  fractionOfDatabase: number;
  /** Own bytes over the engine's logical bytes of the source (includes WAL and the template's files). */
  fractionOfLogical: number;
  /** Heap pages holding the updated rows: what any 8 KiB-page copy-on-write must copy at least. */
  heapPagesHoldingRows: number;
  /** Those pages over pg_database_size: the floor under `fractionOfDatabase`, before WAL and index pages. */
  heapPagesFraction: number;
  topLayer: TopLayerBreakdown;
}

/** 1 % of the rows: an id range in the middle of the table, or rows picked by a hash of their id. */
export function onePercentWhere(pattern: UpdatePattern, rows: number): string {
  const count = Math.round(rows / 100);
  const first = Math.floor(rows / 2);
  return pattern === 'contiguous' ? `id BETWEEN ${first} AND ${first + count - 1}` : 'hashint8(id) % 100 = 0';
}

export interface SourceSize {
  databaseBytes: number;
  logicalBytes: number;
}

/** Updates 1 % of a clone's rows, checkpoints, and reads the clone's own bytes. */
export async function updateOnePercent(
  harness: EmbeddedHarness,
  clone: string,
  pattern: UpdatePattern,
  rows: number,
  source: SourceSize,
): Promise<DeltaResult> {
  const where = onePercentWhere(pattern, rows);
  progress(`1 % update (${pattern}) on ${clone}`);
  const heapPages = await scalar(
    harness,
    clone,
    `SELECT count(DISTINCT (ctid::text::point)[0])::float8 AS value FROM user_behavior WHERE ${where}`,
  );
  await exec(harness, clone, 'CHECKPOINT');
  const ownBytesBefore = (await databaseUsage(harness, clone)).ownBytes ?? 0;
  const update = await timeMs(() =>
    withPg(harness, clone, async (pg) => {
      const result = await pg.query(`UPDATE user_behavior SET price = price * 1.1, quantity = quantity + 1 WHERE ${where}`);
      await pg.exec('CHECKPOINT');
      return result.affectedRows ?? 0;
    }),
  );
  const usage = await databaseUsage(harness, clone);
  const ownBytes = usage.ownBytes ?? 0;
  return {
    pattern,
    where,
    rowsUpdated: update.value,
    ownBytesBefore,
    updateMs: update.ms,
    ownBytes,
    fractionOfDatabase: ownBytes / source.databaseBytes,
    fractionOfLogical: ownBytes / source.logicalBytes,
    heapPagesHoldingRows: heapPages,
    heapPagesFraction: (heapPages * PAGE_SIZE) / source.databaseBytes,
    topLayer: topLayerBreakdown(harness, clone),
  };
}

export interface RestoreResult {
  restoreMs: number;
  firstQueryMs: number;
  verified: boolean;
}

const CHECKSUM_SQL = 'SELECT sum(quantity)::float8 + sum(price) AS value FROM user_behavior';

/**
 * Clone, snapshot, random 1 % update, then restore in place while the clone runs; the
 * checksum after the restore must equal the one at the snapshot.
 */
export async function measureDeltasAndRestore(harness: EmbeddedHarness, source: string, rows: number, size: SourceSize) {
  const { engine } = harness;
  await engine.cloneDatabase({ source, target: 'delta_contiguous', from: { kind: 'now' } });
  const contiguous = await updateOnePercent(harness, 'delta_contiguous', 'contiguous', rows, size);
  await engine.dropDatabase('delta_contiguous');
  await engine.cloneDatabase({ source, target: 'delta_random', from: { kind: 'now' } });
  const checksum = await scalar(harness, 'delta_random', CHECKSUM_SQL);
  await engine.createSnapshot('delta_random_clean', { level: 'database', database: 'delta_random' });
  const random = await updateOnePercent(harness, 'delta_random', 'random', rows, size);
  await exec(harness, 'delta_random', 'UPDATE user_behavior SET quantity = 0 WHERE id <= 1000');
  progress('restore in place');
  const restore = await timeMs(() => engine.restoreDatabase('delta_random', 'delta_random_clean'));
  const firstQuery = await timeMs(() => scalar(harness, 'delta_random', 'SELECT 1 AS value'));
  const verified = (await scalar(harness, 'delta_random', CHECKSUM_SQL)) === checksum;
  await engine.dropDatabase('delta_random');
  await engine.dropSnapshot('delta_random_clean');
  const restoreResult: RestoreResult = { restoreMs: restore.ms, firstQueryMs: firstQuery.ms, verified };
  return { contiguous, random, restore: restoreResult };
}
