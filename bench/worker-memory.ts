/**
 * Memory of the embedded engine's databases, each running in its own worker thread:
 * `npx tsx --expose-gc bench/worker-memory.ts [databases]`. Prints the process's resident
 * memory with the store open and no database running, with every database idle (stopped),
 * then after starting each one, after a small workload in each, and after stopping them all:
 * the differences are the cost of an idle and of a running database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { openEmbeddedEngine } from '@/lib/engines/embedded';
import { LEAN_SETTINGS } from '@/lib/engines/embedded/instances';
import { ChainView } from '@/lib/engines/embedded/store/chain-view';
import { CowFilesystem } from '@/lib/engines/embedded/store/cow-filesystem';
import { LayerStore } from '@/lib/engines/embedded/store/layer-store';

const leanStartParams = () => [...PGlite.defaultStartParams, ...LEAN_SETTINGS.flatMap((setting) => ['-c', setting])];

const count = Number(process.argv[2] ?? 4);
const MiB = 1024 * 1024;

async function rss(): Promise<number> {
  for (let pass = 0; pass < 3; pass++) {
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return process.memoryUsage().rss;
}

const format = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-bench-memory-'));
const engine = await openEmbeddedEngine({ dataDir: dir, idleMs: 3_600_000, maxRunning: count + 1 });
try {
  await engine.createDatabase('d0', { initialSql: 'CREATE TABLE t (id int PRIMARY KEY, v text)' });
  const names = ['d0'];
  for (let index = 1; index < count; index++) {
    names.push(`d${index}`);
    await engine.cloneDatabase({ source: 'd0', target: `d${index}`, from: { kind: 'now' } });
  }
  await engine.close();
  const reopened = await openEmbeddedEngine({ dataDir: dir, idleMs: 3_600_000, maxRunning: count + 1 });
  const idle = await rss();
  console.log(`${count} databases, all idle (no worker): ${format(idle)} resident`);
  for (const name of names) await reopened.query(name, 'SELECT 1');
  const started = await rss();
  console.log(`all ${count} started: ${format(started)} (+${format((started - idle) / count)} per running database)`);
  const load = "INSERT INTO t SELECT g, repeat('x', 100) FROM generate_series(1, 20000) g";
  for (const name of names) await reopened.query(name, load, { readOnly: false });
  for (const name of names) await reopened.query(name, 'SELECT count(*), max(v) FROM t');
  const worked = await rss();
  console.log(`after 20 000 rows each: ${format(worked)} (+${format((worked - idle) / count)} per running database)`);
  await reopened.close();
  const stopped = await rss();
  console.log(`all stopped, engine closed: ${format(stopped)} (${format(stopped - idle)} above the idle figure)`);
  // The same databases as PGlite in this thread (what the engine ran before workers), side by side.
  const store = LayerStore.open(dir);
  const inThread = [];
  for (const name of names) {
    const filesystem = new CowFilesystem(new ChainView(store.layersOf(store.database(name).chain)));
    inThread.push(await PGlite.create({ fs: filesystem, extensions: { vector }, startParams: leanStartParams() }));
    await inThread[inThread.length - 1]!.query('SELECT count(*), max(v) FROM t');
  }
  const threadBound = await rss();
  console.log(`the same ${count} in this thread (no workers): +${format((threadBound - stopped) / count)} per running database`);
  for (const pg of inThread) await pg.close();
  store.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
