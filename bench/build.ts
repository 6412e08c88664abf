import type pg from 'pg';
import { DATABASE_SIZE_SQL, type EmbeddingType, finishSql, insertBatchSql, schemaSql } from './dataset';
import { type EmbeddedHarness, exec, scalar } from './embedded-harness';
import { progress } from './measure';

const BATCH_ROWS = 50_000;

export interface EmbeddedBuild {
  rows: number;
  seconds: number;
  databaseBytes: number;
}

/**
 * Creates `database` in the embedded engine and inserts batches until Postgres reports the
 * database at least `targetBytes` large. The last batch is sized from the bytes per row seen.
 */
export async function buildEmbedded(harness: EmbeddedHarness, database: string, targetBytes: number): Promise<EmbeddedBuild> {
  const started = performance.now();
  await harness.engine.createDatabase(database);
  await exec(harness, database, schemaSql('vector'));
  const emptyBytes = await scalar(harness, database, DATABASE_SIZE_SQL);
  let rows = 0;
  let databaseBytes = emptyBytes;
  while (databaseBytes < targetBytes) {
    const bytesPerRow = rows ? (databaseBytes - emptyBytes) / rows : 800;
    const wanted = Math.ceil((targetBytes - databaseBytes) / bytesPerRow);
    const batch = Math.max(1000, Math.min(BATCH_ROWS, wanted));
    await exec(harness, database, insertBatchSql(rows + 1, rows + batch));
    rows += batch;
    databaseBytes = await scalar(harness, database, DATABASE_SIZE_SQL);
    progress(`embedded build: ${rows} rows, ${(databaseBytes / 2 ** 20).toFixed(0)} MiB`);
  }
  for (const statement of finishSql(rows)) await exec(harness, database, statement);
  databaseBytes = await scalar(harness, database, DATABASE_SIZE_SQL);
  return { rows, seconds: (performance.now() - started) / 1000, databaseBytes };
}

export interface ServerBuild {
  seconds: number;
  databaseBytes: number;
}

/** Fills a server database (already created, `client` connected to it) with the same rows. */
export async function buildServer(client: pg.Client, rows: number, embedding: EmbeddingType): Promise<ServerBuild> {
  const started = performance.now();
  await client.query(schemaSql(embedding));
  for (let first = 1; first <= rows; first += BATCH_ROWS) {
    await client.query(insertBatchSql(first, Math.min(rows, first + BATCH_ROWS - 1)));
  }
  for (const statement of finishSql(rows)) await client.query(statement);
  const result = await client.query<{ value: number }>(DATABASE_SIZE_SQL);
  return { seconds: (performance.now() - started) / 1000, databaseBytes: Number(result.rows[0]?.value) };
}
