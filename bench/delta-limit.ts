/**
 * Own bytes of a clone against the physical limit at page granularity, for the seed's QA step
 * (delete every purchase: every fifth row of user_behavior) and a 1 % random update, side by
 * side on one demo production database; then what a snapshot of each changed clone costs
 * (its vacuum) and what reading a clone of that snapshot writes.
 *
 *   npx tsx bench/delta-limit.ts
 */
import os from 'node:os';
import { closeHarness, type EmbeddedHarness, openHarness, topLayerBreakdown } from './embedded-harness';
import { formatBytes, progress, timeMs } from './measure';
import { checkpoint, engineRows, heapBlocks, ownBytesOf, type PageLimit, pageLimit } from './page-limit';
import { DEMO_PRODUCTION_DATABASE, demoProductionSql } from '@/lib/setup/demo-data-sql';

interface Scenario {
  name: string;
  clone: string;
  where: string;
  change: string;
  /** An update leaves new row versions (on other pages or the same): count their pages too. */
  newVersions: boolean;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'QA step: delete every purchase',
    clone: 'qa_purchases',
    where: "action = 'purchase'",
    change: "DELETE FROM user_behavior WHERE action = 'purchase'",
    newVersions: false,
  },
  {
    name: '1 % random update',
    clone: 'random_update',
    where: 'hashint8(id) % 100 = 0',
    change: 'UPDATE user_behavior SET price = price * 1.1, quantity = quantity + 1 WHERE hashint8(id) % 100 = 0',
    newVersions: true,
  },
];

interface ScenarioResult {
  rowsChanged: number;
  changeMs: number;
  limit: PageLimit;
  ownBytes: number;
  top: ReturnType<typeof topLayerBreakdown>;
  /** A stop that vacuums the changed tables first, as an idle stop does. */
  idleStopMs: number;
  snapshotMs: number;
  vacuumBytes: number;
  /** A start of the clone of the snapshot (its first statement, a checkpoint): what a start alone costs. */
  startMs: number;
  startUpBytes: number;
  readBytes: number;
}

async function runScenario(harness: EmbeddedHarness, scenario: Scenario): Promise<ScenarioResult> {
  const { engine } = harness;
  progress(scenario.name);
  await engine.cloneDatabase({ source: DEMO_PRODUCTION_DATABASE, target: scenario.clone, from: { kind: 'now' } });
  const oldBlocks = await heapBlocks(harness, scenario.clone, scenario.where);
  const change = await timeMs(() => engine.query(scenario.clone, scenario.change));
  const newBlocks = scenario.newVersions ? await heapBlocks(harness, scenario.clone, scenario.where) : new Set<number>();
  const limit = await pageLimit(harness, scenario.clone, new Set([...oldBlocks, ...newBlocks]).size);
  const ownBytes = await ownBytesOf(harness, scenario.clone);
  const top = topLayerBreakdown(harness, scenario.clone);

  // As the engine goes idle: start, then stop vacuuming what the change wrote; the snapshot then freezes at once.
  await checkpoint(harness, scenario.clone);
  const ownBytesStarted = await ownBytesOf(harness, scenario.clone);
  const idleStop = await timeMs(() => harness.pool.stop(scenario.clone, { vacuum: true }));
  const snapshot = `${scenario.clone}_done`;
  const taken = await timeMs(() => engine.createSnapshot(snapshot, { level: 'database', database: scenario.clone }));
  const frozenTop = harness.store.snapshotOfCatalog.snapshots[snapshot]!.chain.at(-1)!;
  const reader = `${scenario.clone}_reader`;
  await engine.cloneDatabase({ source: scenario.clone, target: reader, from: { kind: 'snapshot', snapshot } });
  const readerCreated = await ownBytesOf(harness, reader);
  const start = await timeMs(() => checkpoint(harness, reader));
  const readerStarted = await ownBytesOf(harness, reader);
  await engineRows(harness, reader, 'SELECT count(*), sum(price), sum(quantity) FROM user_behavior');
  await engineRows(harness, reader, 'SELECT * FROM user_behavior WHERE id = 4242');
  await harness.pool.stop(reader);
  return {
    rowsChanged: change.value.rowCount,
    changeMs: change.ms,
    limit,
    ownBytes,
    top,
    idleStopMs: idleStop.ms,
    snapshotMs: taken.ms,
    vacuumBytes: harness.store.layerBytes(frozenTop) - ownBytesStarted,
    startMs: start.ms,
    startUpBytes: readerStarted - readerCreated,
    readBytes: (await ownBytesOf(harness, reader)) - readerStarted,
  };
}

function report(results: Array<[Scenario, ScenarioResult]>): string {
  const lines: string[] = [];
  for (const [scenario, result] of results) {
    const { limit, top } = result;
    lines.push(
      `${scenario.name}: ${result.rowsChanged} rows in ${result.changeMs.toFixed(0)} ms`,
      `  pages: heap by ctid ${limit.heapPagesByCtid} (heap pages whose bytes changed: ${limit.heapPagesChanged}), index ${limit.indexPagesChanged}, visibility/free space map ${limit.otherForkPagesChanged}`,
      `  physical limit (heap + index pages) ${formatBytes(limit.limitBytes)}; own bytes ${formatBytes(result.ownBytes)} = ${(result.ownBytes / limit.limitBytes).toFixed(3)}× the limit`,
      `  own top layer: relation pages ${formatBytes(top.relationBytes)}, WAL ${formatBytes(top.walBytes)}, deleted files ${formatBytes(top.deletedFileBytes)}, other ${formatBytes(top.otherBytes)}`,
      `  idle stop of the clone, vacuuming its changed tables: ${result.idleStopMs.toFixed(0)} ms, adding ${formatBytes(result.vacuumBytes)} to its layer; a snapshot of it then ${result.snapshotMs.toFixed(1)} ms`,
      `  a clone of that snapshot: its start (${result.startMs.toFixed(0)} ms) wrote ${formatBytes(result.startUpBytes)}; reading it in full (count, sums, one row) and stopping it, ${formatBytes(result.readBytes)} more`,
    );
  }
  return lines.join('\n');
}

/**
 * As `createDatabase` with the demo script, but with pgvector created by the superuser first:
 * the role an initial script runs as may not create it.
 */
async function loadDemoProduction(harness: EmbeddedHarness): Promise<void> {
  await harness.engine.createDatabase(DEMO_PRODUCTION_DATABASE);
  await harness.pool.use(DEMO_PRODUCTION_DATABASE, async (worker) => {
    await worker.request({ kind: 'exec', sql: 'CREATE EXTENSION vector', role: 'superuser' });
    await worker.request({ kind: 'exec', sql: demoProductionSql('vector(128)'), role: 'read-write' });
    await worker.request({ kind: 'exec', sql: 'VACUUM (FREEZE, ANALYZE)', role: 'superuser' });
  });
  await harness.pool.stop(DEMO_PRODUCTION_DATABASE, { vacuum: true });
}

async function main() {
  const harness = openHarness();
  try {
    progress('loading the demo production database');
    await loadDemoProduction(harness);
    const [[databaseBytes, heapBytes]] = (await engineRows(
      harness,
      DEMO_PRODUCTION_DATABASE,
      "SELECT pg_database_size(current_database())::float8, pg_relation_size('user_behavior')::float8",
    )) as [[number, number]];
    console.log(
      `${new Date().toISOString()}, load average ${os.loadavg()[0]!.toFixed(1)}; demo production: pg_database_size ${formatBytes(databaseBytes)}, user_behavior heap ${formatBytes(heapBytes)}`,
    );
    const results: Array<[Scenario, ScenarioResult]> = [];
    for (const scenario of SCENARIOS) results.push([scenario, await runScenario(harness, scenario)]);
    console.log(report(results));
  } finally {
    await closeHarness(harness);
  }
}

void main();
