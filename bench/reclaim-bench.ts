import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEmbeddedEngine, type EmbeddedEngine } from '@/lib/engines/embedded';
import { bytesOnDisk } from '@/lib/engines/testing/storage-walk';
import { formatBytes } from '@/lib/format/bytes';
import { progress } from './measure';

/**
 * Space given back with nobody calling anything (issue 14): two clones of a loaded database get
 * the same ROUNDS updates of 1 % of the rows; one is snapshotted after each (`work`), the other
 * never (`twin`: what the same updates cost a database that keeps no history).
 * Then every snapshot is dropped, then both clones. The engine runs with the product's wiring
 * (openEmbeddedEngine) and a short idle stop; after each drop phase the bench only waits for
 * the store to settle (the engine's own quiet-time maintenance), reading the disk beside the
 * engine. `npm run bench:reclaim` (RECLAIM_ROUNDS=n for another count).
 */
const ROUNDS = Number(process.env.RECLAIM_ROUNDS ?? 100);
const ROWS = 20_000;
const IDLE_MS = 2_000;
const SETTLE_LIMIT_MS = 120_000;

const LOAD_SQL = `CREATE TABLE items (id INT PRIMARY KEY, payload TEXT NOT NULL);
INSERT INTO items SELECT g, repeat(md5(g::text), 10) FROM generate_series(1, ${ROWS}) g;`;

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-reclaim-bench-'));
  const engine = await openEmbeddedEngine({ dataDir, idleMs: IDLE_MS });
  try {
    progress(`loading ${ROWS} rows`);
    await engine.createDatabase('production', { initialSql: LOAD_SQL });
    for (const target of ['work', 'twin']) await engine.cloneDatabase({ source: 'production', target, from: { kind: 'now' } });
    const start = bytesOnDisk(dataDir);
    const snapshots = await writeAndSnapshot(engine);
    // Settled too: a database's last changes reach its layer when its idle stop checkpoints.
    const peak = await settle(dataDir);
    progress(`dropping ${snapshots.length} snapshots`);
    for (const snapshot of snapshots) await engine.dropSnapshot(snapshot);
    const droppedAt = bytesOnDisk(dataDir);
    const afterSnapshots = await settle(dataDir);
    const [work, twin] = [await ownBytesOf(engine, 'work'), await ownBytesOf(engine, 'twin')];
    progress('dropping the clones');
    for (const database of ['work', 'twin']) await engine.dropDatabase(database);
    const end = await settle(dataDir);
    report({ start, peak, droppedAt, afterSnapshots, work, twin, end });
  } finally {
    await engine.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function writeAndSnapshot(engine: EmbeddedEngine): Promise<string[]> {
  const snapshots: string[] = [];
  const slice = ROWS / 100;
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 10 === 0) progress(`round ${round + 1} of ${ROUNDS}`);
    const first = (round % 100) * slice + 1;
    const update = `UPDATE items SET payload = md5(payload) || payload WHERE id BETWEEN ${first} AND ${first + slice - 1}`;
    for (const database of ['work', 'twin']) await engine.query(database, update);
    const name = `work_round_${round}`;
    await engine.createSnapshot(name, { level: 'database', database: 'work' });
    snapshots.push(name);
  }
  return snapshots;
}

const ownBytesOf = async (engine: EmbeddedEngine, database: string) =>
  (await engine.usage()).databases.find((usage) => usage.database === database)!.ownBytes!;

/** Waits until the store's size has not changed for longer than the idle stop plus the engine's quiet delay. */
async function settle(dataDir: string): Promise<number> {
  const started = Date.now();
  let last = bytesOnDisk(dataDir);
  let stableSince = Date.now();
  while (Date.now() - started < SETTLE_LIMIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = bytesOnDisk(dataDir);
    if (now !== last) [last, stableSince] = [now, Date.now()];
    else if (Date.now() - stableSince > IDLE_MS + 8_000) break;
  }
  progress(`settled at ${formatBytes(last)} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return last;
}

interface Figures {
  start: number;
  peak: number;
  droppedAt: number;
  afterSnapshots: number;
  work: number;
  twin: number;
  end: number;
}

function report(figures: Figures): void {
  const { start, peak, droppedAt, afterSnapshots, work, twin, end } = figures;
  const percent = (value: number, of: number) => `${(((value - of) / of) * 100).toFixed(2)} %`;
  const held = start + work + twin;
  const lines = [
    `store at the start (production + two empty clones): ${formatBytes(start)} (${start} B)`,
    `after ${ROUNDS} rounds of update 1 % (+ a snapshot of work), settled: ${formatBytes(peak)}`,
    `right after dropping the ${ROUNDS} snapshots: ${formatBytes(droppedAt)}`,
    `settled, nothing called: ${formatBytes(afterSnapshots)}: ${percent(afterSnapshots, held)} from start + both clones' own bytes (${formatBytes(held)})`,
    `  work's own bytes ${formatBytes(work)} against twin's (the same updates, never snapshotted) ${formatBytes(twin)}: ${percent(work, twin)}`,
    `after dropping both clones, settled: ${formatBytes(end)} (${end} B): ${percent(end, start)} from the start`,
  ];
  for (const line of lines) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
