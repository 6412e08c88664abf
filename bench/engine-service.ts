// `npx tsx bench/engine-service.ts [--calls N]`: what the engine service costs a dashboard.
// The same contract calls, side by side in one run, on an embedded engine opened in this
// process and through the engine service's socket (a service in this process: the socket,
// HTTP framing and JSON codec are what is measured, not a second process's scheduling).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEmbeddedEngine } from '@/lib/engines/embedded';
import { connectEngineService } from '@/lib/engines/service/client';
import { startEngineService } from '@/lib/engines/service/server';
import type { Engine } from '@/lib/engines/types';

const at = process.argv.indexOf('--calls');
const calls = at > 0 ? Number(process.argv[at + 1]) : 300;
if (!Number.isInteger(calls) || calls < 10) throw new Error('--calls takes an integer of at least 10');

const percentile = (sorted: number[], share: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;

async function timeCalls(engine: Engine, call: (engine: Engine) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let warm = 0; warm < 20; warm++) await call(engine);
  const times: number[] = [];
  for (let index = 0; index < calls; index++) {
    const started = process.hrtime.bigint();
    await call(engine);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((left, right) => left - right);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-bench-service-'));
const engine = await openEmbeddedEngine({ dataDir: path.join(dir, 'store'), idleMs: 600_000 });
const service = await startEngineService(new Map([['embedded', engine]]), path.join(dir, 'service'));
const remote = await connectEngineService(path.join(dir, 'service'), 'embedded');
try {
  await engine.createDatabase('bench', {
    initialSql: 'CREATE TABLE items AS SELECT g AS id, md5(g::text) AS label FROM generate_series(1, 1000) g;',
  });
  const cases: Array<[string, (engine: Engine) => Promise<unknown>]> = [
    ['listDatabases', (target) => target.listDatabases()],
    ["query 'SELECT 1'", (target) => target.query('bench', 'SELECT 1')],
    ['query 1000 rows', (target) => target.query('bench', 'SELECT * FROM items', { maxRows: 1000 })],
  ];
  console.log(`engine service overhead, ${calls} calls each, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
  console.log('call                 in-process p50/p99 ms   through the service p50/p99 ms   added p50 ms');
  for (const [label, call] of cases) {
    const local = await timeCalls(engine, call);
    const served = await timeCalls(remote, call);
    console.log(
      `${label.padEnd(20)} ${`${local.p50.toFixed(2)} / ${local.p99.toFixed(2)}`.padEnd(23)} ${`${served.p50.toFixed(2)} / ${served.p99.toFixed(2)}`.padEnd(32)} ${(served.p50 - local.p50).toFixed(2)}`,
    );
  }
} finally {
  await remote.close();
  await service.close();
  await engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
