import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { frontDoorTls } from '@/lib/engines/front-door/tls';
import { openFrontDoor } from '@/lib/engines/postgres/front-door-route';
import { openEmbeddedEngine } from '@/lib/engines/embedded';
import { openPostgresEngine } from '@/lib/engines/postgres';
import type { Engine } from '@/lib/engines/types';
import { progress, timeMs } from './measure';
import { parseSize } from './options';
import { type PgbenchTarget, pgbenchConnection } from './postgres-load';
import { measureUpdate } from './postgres-pages';
import { type PlainTargets, pgbenchOnClones } from './postgres-pgbench';

const run = promisify(execFile);

/**
 * `npm run bench:postgres -- [--size 1GB] [--rounds 4] [--slice 5]`: the PostgreSQL engine side by
 * side in one run — on a loop-mounted XFS with reflinks (as root) and on the temporary folder's
 * file system (full copies where it has no reflinks) — against a plain PostgreSQL 18 server on
 * the same file system for pgbench, on the same transports; then the embedded engine's clone and
 * snapshot of the same table. Every timing carries the machine's 1-minute load average.
 */
interface Timed {
  ms: number;
  loadAverage: number;
}

const ROW_BYTES = 270; // heap tuple (~232 B) plus its primary-key index entry, as measured
const REPEATS = 3;

/** `work` timed `REPEATS` times (`prepare` untimed before each), with the load average of each. */
async function timedRepeats(work: (round: number) => Promise<unknown>, prepare?: (round: number) => Promise<unknown>): Promise<Timed[]> {
  const samples: Timed[] = [];
  for (let round = 0; round < REPEATS; round++) {
    await prepare?.(round);
    const loadAverage = Number(os.loadavg()[0]!.toFixed(2));
    samples.push({ ms: Math.round((await timeMs(() => work(round))).ms), loadAverage });
  }
  return samples;
}

interface BenchSettings {
  bytes: number;
  plain?: PlainTargets;
  rounds: number;
  sliceSeconds: number;
}

/** How the bench reaches a database of the engine under test: through its front door, with TLS. */
type Connect = (database: string) => Promise<pg.Client>;

function doorClient(engine: Engine, port: number): Connect {
  return async (database) => {
    const { user, password } = await engine.abilities.credentials!.reveal(database, 'read-write');
    const client = new pg.Client({ host: '127.0.0.1', port, database, user, password, ssl: { rejectUnauthorized: false } });
    await client.connect();
    return client;
  };
}

/**
 * The copy operations every local engine offers, timed the same way: a 1 GiB table built in
 * `src`, then snapshot, clone "now" and clone from a snapshot to its first answered query with
 * the source running and idle, then clone and snapshot while a client keeps updating it.
 */
async function copyTimings(label: string, engine: Engine, connect: Connect, bytes: number) {
  const rows = Math.round(bytes / ROW_BYTES);
  progress(`${label}: loading ${rows} rows`);
  const build = await timeMs(() =>
    engine.createDatabase('src', {
      initialSql: `CREATE TABLE t (id bigint PRIMARY KEY, v text); INSERT INTO t SELECT i, repeat(md5(i::text), 6) FROM generate_series(1, ${rows}) AS i;`,
    }),
  );
  // The source is running (its server, or its worker) before the first copy is timed.
  await (await connect('src')).end();
  const logicalBytes = (await engine.usage()).databases.find((usage) => usage.database === 'src')!.logicalBytes;
  const dropClone = (round: number) => (round ? engine.dropDatabase('c_now') : Promise.resolve());
  progress(`${label}: clone and snapshot of the running source`);
  const snapshotIdle = await timedRepeats((round) => engine.createSnapshot(`s_idle${round}`, { level: 'database', database: 'src' }));
  const cloneNowIdle = await timedRepeats(() => engine.cloneDatabase({ source: 'src', target: 'c_now', from: { kind: 'now' } }), dropClone);
  const cloneFromSnapshotToFirstAnswer = await timedRepeats(
    async (round) => {
      await engine.cloneDatabase({ source: 'src', target: `c_snap${round}`, from: { kind: 'snapshot', snapshot: `s_idle${round}` } });
      const client = await connect(`c_snap${round}`);
      await client.query('SELECT 1');
      await client.end();
    },
    async (round) => round && engine.dropDatabase(`c_snap${round - 1}`),
  );
  const freshCloneOwnBytes = (await engine.usage()).databases.find((usage) => usage.database === 'c_snap2')!.ownBytes!;
  progress(`${label}: clone and snapshot while a writer updates the source`);
  const underWrites = await withWriter(await connect('src'), rows, async () => ({
    clone: await timedRepeats(
      () => engine.cloneDatabase({ source: 'src', target: 'c_busy', from: { kind: 'now' } }),
      (round) => (round ? engine.dropDatabase('c_busy') : Promise.resolve()),
    ),
    snapshot: await timedRepeats((round) => engine.createSnapshot(`s_busy${round}`, { level: 'database', database: 'src' })),
  }));
  return {
    store: label,
    buildSeconds: build.ms / 1000,
    logicalBytes,
    snapshotIdle,
    cloneNowIdle,
    cloneFromSnapshotToFirstAnswer,
    cloneNowUnderWrites: underWrites.clone,
    snapshotUnderWrites: underWrites.snapshot,
    freshCloneOwnBytes,
  };
}

async function benchStore(label: string, dataDir: string, settings: BenchSettings) {
  const engine = await openPostgresEngine({ dataDir, idleMs: 3_600_000 });
  const door = await openFrontDoor(engine, { listen: { host: '127.0.0.1', port: 0 }, publicHost: 'localhost' });
  const connect = doorClient(engine, door.port);
  try {
    const copies = await copyTimings(label, engine, connect, settings.bytes);
    progress(`${label}: own bytes after a 1 % update`);
    const update1Percent = await measureUpdate(engine, await connect('c_snap2'), 'c_snap2');
    progress(`${label}: pgbench side by side`);
    const bench = await pgbenchOnClones(engine, door.port, settings);
    return { ...copies, update1Percent, ...bench };
  } finally {
    await door.close();
    await engine.close();
  }
}

/** The embedded engine on the same table (its layer store is thin on any file system): the copies only. */
async function benchEmbedded(label: string, dataDir: string, settings: BenchSettings) {
  const engine = await openEmbeddedEngine({
    dataDir,
    idleMs: 3_600_000,
    door: { listen: { host: '127.0.0.1', port: 0 }, publicHost: '127.0.0.1' },
  });
  try {
    return await copyTimings(label, engine, doorClient(engine, engine.access.publicAddress.port), settings.bytes);
  } finally {
    await engine.close();
  }
}

/** Runs `work` while one client keeps updating random rows of the source. */
async function withWriter<T>(client: pg.Client, rows: number, work: () => Promise<T>): Promise<T> {
  let writing = true;
  const writer = (async () => {
    while (writing) await client.query('UPDATE t SET v = md5(random()::text) WHERE id = $1', [1 + Math.floor(Math.random() * rows)]);
  })();
  try {
    return await work();
  } finally {
    writing = false;
    await writer;
    await client.end();
  }
}

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1]! : fallback;
}

/**
 * A plain PostgreSQL 18 server (default settings, fsync on) with pgbench's tables at scale 10,
 * and `ssl=on` with a self-signed certificate (made as the front door makes its own): reached
 * on its Unix socket, over TCP without TLS and with TLS, the three transports a clone is
 * measured on.
 */
async function startPlainServer(parent: string) {
  const { startTestPostgres } = await import('../scripts/servers/postgres.mjs');
  const tlsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-bench-tls-'));
  try {
    const { certFile } = frontDoorTls(tlsDir, 'localhost', {}); // its key beside it, as front-door.key
    const plain = await startTestPostgres({ durable: true, parent, tls: { cert: certFile, key: path.join(tlsDir, 'front-door.key') } });
    const port = Number(new URL(plain.url).port);
    const tcp: PgbenchTarget = { host: '127.0.0.1', port, user: 'postgres', database: 'test', ssl: false };
    const { env, args } = pgbenchConnection(tcp);
    await run('pgbench', ['-i', '-s', '10', '-q', ...args], { env });
    const targets: PlainTargets = { plainSocket: { ...tcp, host: plain.socketDir }, plainTcp: tcp, plainTls: { ...tcp, ssl: true } };
    return { plain, targets };
  } finally {
    fs.rmSync(tlsDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const size = parseSize(argument('size', '1GB'));
  const settings = { bytes: size.bytes, rounds: Number(argument('rounds', '4')), sliceSeconds: Number(argument('slice', '5')) };
  const { mountReflinkFilesystem } = await import('../scripts/servers/reflink-fs.mjs');
  const xfs = await mountReflinkFilesystem().catch((error: unknown) => {
    progress(`no reflink file system (${String(error)})`);
    return null;
  });
  const plainDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-bench-pg-'));
  fs.chmodSync(plainDir, 0o711); // the plain server's user (postgres, when we are root) passes through to its folder
  const fsType = (await run('stat', ['-f', '-c', '%T', plainDir])).stdout.trim();
  const results = [];
  try {
    if (xfs) {
      const { plain, targets } = await startPlainServer(xfs.url);
      try {
        results.push(await benchStore(`XFS reflink (${xfs.describe})`, path.join(xfs.url, 'store'), { ...settings, plain: targets }));
      } finally {
        await plain.stop();
      }
    }
    const { plain, targets } = await startPlainServer(plainDir);
    try {
      results.push(
        await benchStore(`${fsType} in ${os.tmpdir()} (full copies)`, path.join(plainDir, 'store'), { ...settings, plain: targets }),
      );
    } finally {
      await plain.stop();
    }
    results.push(await benchEmbedded(`embedded engine (${fsType} in ${os.tmpdir()})`, path.join(plainDir, 'embedded'), settings));
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model}`;
    process.stdout.write(`${JSON.stringify({ size: size.label, machine, settings, results }, null, 2)}\n`);
  } finally {
    fs.rmSync(plainDir, { recursive: true, force: true });
    await xfs?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
