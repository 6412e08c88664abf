/**
 * `npm run bench:wire -- [--rounds 2] [--slice 5] [--queries 2000] [--sleep 20] [--databases 4] [--out file.json]`:
 * the embedded engine behind its front door, side by side in one run with PGlite called in this
 * thread and with a real PostgreSQL server (CLONEDECK_TEST_PG_URL) on the same pgbench data —
 * pgbench TPS at 1, 4 and 8 clients, `SELECT 1` latency, a neighbour's latency while another
 * database sleeps, provision to first answer, and memory per idle and per running database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import pg from 'pg';
import { openEmbeddedEngine, type EmbeddedEngine, type EmbeddedEngineOptions } from '@/lib/engines/embedded';
import { ChainView } from '@/lib/engines/embedded/store/chain-view';
import { CowFilesystem } from '@/lib/engines/embedded/store/cow-filesystem';
import { clientConfig, wireClient } from '@/lib/engines/testing/wire-client';
import { progress } from './measure';
import type { PgbenchTarget } from './postgres-load';
import { ENGINE_START_PARAMS } from './stock-pglite';
import { neighbourDuringSleep, provisionToFirstAnswer, selectOneLatency } from './wire-latency';
import { wireMemory } from './wire-memory';
import { pgbenchInitScale1, pgbenchMatrix } from './wire-pgbench';
import { renderWireReport, type WireReport } from './wire-report';

function numberOption(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number`);
  return value;
}

const outAt = process.argv.indexOf('--out');
const settings = {
  rounds: numberOption('rounds', 2),
  sliceSeconds: numberOption('slice', 5),
  queries: numberOption('queries', 2000),
  sleepSeconds: numberOption('sleep', 20),
  databases: numberOption('databases', 4),
  provisions: 5,
};
const serverUrl = process.env.CLONEDECK_TEST_PG_URL;
if (!serverUrl)
  throw new Error('CLONEDECK_TEST_PG_URL names the real PostgreSQL server to compare with (source /work/test-servers/env.sh)');

const loadAverage = () => Number(os.loadavg()[0]!.toFixed(2));

/** A fresh database on the real server, and pgbench's connection to it. */
async function serverTarget(admin: pg.Client, database: string): Promise<PgbenchTarget> {
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(serverUrl!);
  const password = decodeURIComponent(url.password);
  return { host: url.hostname, port: Number(url.port || 5432), user: decodeURIComponent(url.username), password, database, ssl: false };
}

/** The real server's URL for another of its databases. */
function urlOf(database: string): string {
  const url = new URL(serverUrl!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function doorTarget(engine: EmbeddedEngine, database: string): Promise<PgbenchTarget> {
  const config = await clientConfig(engine, database);
  return { host: config.host!, port: config.port!, user: config.user!, password: String(config.password), database, ssl: true };
}

/** PGlite in this thread on a clone's own layers (a clone the engine never starts): the same pages, no worker, no wire. */
async function inProcessPglite(engine: EmbeddedEngine, source: string): Promise<PGlite> {
  await engine.cloneDatabase({ source, target: 'pgbench_in_process', from: { kind: 'now' } });
  const layers = engine.store.layersOf(engine.store.database('pgbench_in_process').chain);
  const pglite = await PGlite.create({
    fs: new CowFilesystem(new ChainView(layers)),
    extensions: { vector },
    startParams: ENGINE_START_PARAMS,
  });
  await pglite.query('SELECT count(*) FROM pgbench_accounts');
  return pglite;
}

async function connected(config: pg.ClientConfig): Promise<pg.Client> {
  const client = new pg.Client(config);
  await client.connect();
  return client;
}

/**
 * `SELECT 1` on each path: PGlite in this thread, the engine's own call to the database's worker
 * (the worker hop without the wire), the door with and without TLS, the real server.
 */
async function selectOnePaths(engine: EmbeddedEngine, inProcess: PGlite, serverDatabase: string, clients: pg.Client[]) {
  const tls = await wireClient(engine, 'pgbench');
  const plain = await connected({ ...(await clientConfig(engine, 'pgbench')), ssl: false });
  const real = await connected({ connectionString: urlOf(serverDatabase) });
  clients.push(tls, plain, real);
  return {
    inProcess: () => inProcess.query('SELECT 1'),
    engineWorkerCall: () => engine.query('pgbench', 'SELECT 1'),
    doorTls: () => tls.query('SELECT 1'),
    doorPlain: () => plain.query('SELECT 1'),
    realServer: () => real.query('SELECT 1'),
  };
}

async function isolation(engine: EmbeddedEngine, clients: pg.Client[]) {
  progress(`a neighbour's SELECT 1 while another database sleeps ${settings.sleepSeconds} s`);
  await engine.createDatabase('sleeper');
  await engine.createDatabase('neighbour');
  const sleeper = await wireClient(engine, 'sleeper');
  const neighbour = await wireClient(engine, 'neighbour');
  clients.push(sleeper, neighbour);
  return neighbourDuringSleep(sleeper, neighbour, settings.sleepSeconds);
}

/** pgbench's invariant: every transaction adds its delta to one account, one teller and the branch. */
async function balancesAddUp(engine: EmbeddedEngine): Promise<boolean> {
  const client = await wireClient(engine, 'pgbench');
  try {
    const { rows } = await client.query<{ accounts: string; tellers: string; branches: string }>(
      'SELECT (SELECT sum(abalance) FROM pgbench_accounts) AS accounts, (SELECT sum(tbalance) FROM pgbench_tellers) AS tellers, (SELECT sum(bbalance) FROM pgbench_branches) AS branches',
    );
    return rows[0]!.accounts === rows[0]!.tellers && rows[0]!.tellers === rows[0]!.branches;
  } finally {
    await client.end();
  }
}

async function measure(engine: EmbeddedEngine, admin: pg.Client): Promise<Omit<WireReport, 'memory' | 'settings' | 'loadAverages'>> {
  progress('pgbench -i -s 1 through the front door and on the real server');
  await engine.createDatabase('pgbench');
  const door = await doorTarget(engine, 'pgbench');
  const server = await serverTarget(admin, `clonedeck_wirebench_${process.pid}`);
  await pgbenchInitScale1(door);
  await pgbenchInitScale1(server);
  await engine.createSnapshot('pgbench_initialized', { level: 'database', database: 'pgbench' });
  const inProcess = await inProcessPglite(engine, 'pgbench');
  const clients: pg.Client[] = [];
  try {
    progress(`provision → first answer, ${settings.provisions} clones`);
    const provision = await provisionToFirstAnswer(engine, 'pgbench', 'pgbench_initialized', settings.provisions);
    progress(`SELECT 1 latency, ${settings.queries} queries per path`);
    const latency = await selectOneLatency(await selectOnePaths(engine, inProcess, server.database, clients), settings.queries);
    const neighbour = await isolation(engine, clients);
    const pgbench = await pgbenchMatrix({ door, server }, inProcess, {
      modes: ['prepared', 'simple'],
      clients: [1, 4, 8],
      rounds: settings.rounds,
      sliceSeconds: settings.sliceSeconds,
    });
    return { pgbench, latency, isolation: neighbour, provision, doorBalancesAddUp: await balancesAddUp(engine) };
  } finally {
    for (const client of clients) await client.end().catch(() => undefined);
    await inProcess.close();
    await admin.query(`DROP DATABASE IF EXISTS ${server.database} WITH (FORCE)`);
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-bench-wire-'));
const doorOptions: Pick<EmbeddedEngineOptions, 'door' | 'idleMs'> = {
  idleMs: 3_600_000,
  door: { listen: { host: '127.0.0.1', port: 0 }, publicHost: '127.0.0.1' },
};
const loadAverages: Record<string, number> = { start: loadAverage() };
try {
  progress(`memory with ${settings.databases} databases`);
  const memory = await wireMemory({ dataDir: path.join(dir, 'memory'), ...doorOptions }, settings.databases);
  loadAverages.afterMemory = loadAverage();
  const engine = await openEmbeddedEngine({ dataDir: path.join(dir, 'store'), ...doorOptions });
  const admin = await connected({ connectionString: serverUrl });
  try {
    const measured = await measure(engine, admin);
    loadAverages.end = loadAverage();
    const report: WireReport = { settings, loadAverages, memory, ...measured };
    console.log(renderWireReport(report));
    if (outAt > 0) fs.writeFileSync(process.argv[outAt + 1]!, `${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await admin.end();
    await engine.close();
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
