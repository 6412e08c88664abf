import type { PGlite } from '@electric-sql/pglite';

/**
 * A fixed read workload, the same for every instance: point lookups by id, range aggregates
 * over 10 000 ids, and full counts. Ids come from a fixed linear congruential sequence, so
 * every run asks the same questions.
 */
export const WORKLOAD = {
  pointLookups: 2000,
  rangeAggregates: 40,
  rangeWidth: 10_000,
  fullCounts: 3,
} as const;

export type QueryKind = 'point' | 'range' | 'count';

export interface KindThroughput {
  queries: number;
  totalMs: number;
  queriesPerSecond: number;
}

export type WorkloadResult = Record<QueryKind, KindThroughput>;

function* fixedIds(count: number, maxId: number, seed: number): Generator<number> {
  let state = seed;
  for (let n = 0; n < count; n++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    yield 1 + (state % maxId);
  }
}

async function timed(queries: number, run: () => Promise<void>): Promise<KindThroughput> {
  const started = performance.now();
  await run();
  const totalMs = performance.now() - started;
  return { queries, totalMs, queriesPerSecond: (queries * 1000) / totalMs };
}

export async function runWorkload(pg: PGlite, rows: number): Promise<WorkloadResult> {
  const point = await timed(WORKLOAD.pointLookups, async () => {
    for (const id of fixedIds(WORKLOAD.pointLookups, rows, 42)) {
      const result = await pg.query('SELECT * FROM user_behavior WHERE id = $1', [id]);
      if (result.rows.length !== 1) throw new Error(`point lookup of id ${id} found ${result.rows.length} rows`);
    }
  });
  const range = await timed(WORKLOAD.rangeAggregates, async () => {
    for (const first of fixedIds(WORKLOAD.rangeAggregates, Math.max(1, rows - WORKLOAD.rangeWidth), 7)) {
      await pg.query('SELECT count(*), avg(price), sum(quantity) FROM user_behavior WHERE id BETWEEN $1 AND $2', [
        first,
        first + WORKLOAD.rangeWidth - 1,
      ]);
    }
  });
  const count = await timed(WORKLOAD.fullCounts, async () => {
    for (let n = 0; n < WORKLOAD.fullCounts; n++) {
      const result = await pg.query<{ rows: number }>('SELECT count(*)::int AS rows FROM user_behavior');
      if (result.rows[0]?.rows !== rows) throw new Error(`full count found ${result.rows[0]?.rows} rows, expected ${rows}`);
    }
  });
  return { point, range, count };
}

/** Stock time / embedded time per kind: 1.0 means as fast as stock PGlite. */
export function throughputRatios(embedded: WorkloadResult, stock: WorkloadResult): Record<QueryKind, number> {
  return {
    point: embedded.point.queriesPerSecond / stock.point.queriesPerSecond,
    range: embedded.range.queriesPerSecond / stock.range.queriesPerSecond,
    count: embedded.count.queriesPerSecond / stock.count.queriesPerSecond,
  };
}
