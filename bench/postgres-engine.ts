import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { openFrontDoor } from '@/lib/engines/postgres/front-door-route';
import { openPostgresEngine, type PostgresEngine } from '@/lib/engines/postgres';
import { accountBlocks } from '@/lib/engines/postgres/extents';
import { progress, timeMs } from './measure';
import { parseSize } from './options';
import { pgbenchTps, serverMemory } from './postgres-load';

const run = promisify(execFile);

/**
 * `npm run bench:postgres -- [--size 1GB]`: the PostgreSQL engine side by side in one run —
 * on a loop-mounted XFS with reflinks (as root) and on the temporary folder's file system
 * (full copies where it has no reflinks) — and a plain PostgreSQL 18 server for pgbench.
 */
interface StoreFigures {
  store: string;
  buildSeconds: number;
  logicalBytes: number;
  snapshotIdleMs: number;
  cloneNowIdleMs: number;
  cloneFromSnapshotToFirstAnswerMs: number;
  cloneNowUnderWritesMs: number;
  snapshotUnderWritesMs: number;
  freshCloneOwnBytes: number;
  update1Percent: { heapPagesTouched: number; pageLimitBytes: number; ownBytes: number; ownWalBytes: number; ownWithoutWalVsLimit: number };
  pgbench: { frontDoorTls: number; frontDoorPlain: number; serverSocket: number };
  memory: { idleBytes: number; runningBytes: number };
}

const ROW_BYTES = 270; // heap tuple (~232 B) plus its primary-key index entry, as measured

async function benchStore(label: string, dataDir: string, bytes: number): Promise<StoreFigures> {
  const engine = await openPostgresEngine({ dataDir, idleMs: 3_600_000 });
  const door = await openFrontDoor(engine, { listen: { host: '127.0.0.1', port: 0 }, publicHost: 'localhost' });
  const connect = async (database: string) => {
    const { user, password } = await engine.abilities.credentials!.reveal(database, 'read-write');
    const client = new pg.Client({ host: '127.0.0.1', port: door.port, database, user, password, ssl: { rejectUnauthorized: false } });
    await client.connect();
    return client;
  };
  try {
    const rows = Math.round(bytes / ROW_BYTES);
    progress(`${label}: loading ${rows} rows`);
    const build = await timeMs(() =>
      engine.createDatabase('src', {
        initialSql: `CREATE TABLE t (id bigint PRIMARY KEY, v text); INSERT INTO t SELECT i, repeat(md5(i::text), 6) FROM generate_series(1, ${rows}) AS i;`,
      }),
    );
    const logicalBytes = (await engine.usage()).databases.find((usage) => usage.database === 'src')!.logicalBytes;
    const snapshotIdle = await timeMs(() => engine.createSnapshot('s_idle', { level: 'database', database: 'src' }));
    const cloneNowIdle = await timeMs(() => engine.cloneDatabase({ source: 'src', target: 'c_now', from: { kind: 'now' } }));
    const firstAnswer = await timeMs(async () => {
      await engine.cloneDatabase({ source: 'src', target: 'c_snap', from: { kind: 'snapshot', snapshot: 's_idle' } });
      const client = await connect('c_snap');
      await client.query('SELECT 1');
      await client.end();
    });
    const freshCloneOwnBytes = (await engine.usage()).databases.find((usage) => usage.database === 'c_snap')!.ownBytes!;
    progress(`${label}: clone and snapshot while a writer updates the source`);
    const underWrites = await withWriter(await connect('src'), rows, async () => ({
      clone: await timeMs(() => engine.cloneDatabase({ source: 'src', target: 'c_busy', from: { kind: 'now' } })),
      snapshot: await timeMs(() => engine.createSnapshot('s_busy', { level: 'database', database: 'src' })),
    }));
    const update1Percent = await measureUpdate(engine, await connect('c_snap'), dataDir);
    progress(`${label}: pgbench on a clone through the front door`);
    const bench = await pgbenchOnClone(engine, door.port, connect);
    return {
      store: label,
      buildSeconds: build.ms / 1000,
      logicalBytes,
      snapshotIdleMs: snapshotIdle.ms,
      cloneNowIdleMs: cloneNowIdle.ms,
      cloneFromSnapshotToFirstAnswerMs: firstAnswer.ms,
      cloneNowUnderWritesMs: underWrites.clone.ms,
      snapshotUnderWritesMs: underWrites.snapshot.ms,
      freshCloneOwnBytes,
      update1Percent,
      ...bench,
    };
  } finally {
    await door.close();
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

/** Own bytes after updating 1 % of rows spread over the table, against the heap pages touched. */
async function measureUpdate(engine: PostgresEngine, client: pg.Client, dataDir: string) {
  const blocks = 'SELECT count(DISTINCT (ctid::text::point)[0])::int AS n FROM t WHERE id % 100 = 37';
  const before = (await client.query(blocks)).rows[0].n as number;
  await client.query("UPDATE t SET v = v || '' WHERE id % 100 = 37");
  const after = (await client.query(blocks)).rows[0].n as number;
  await client.query('CHECKPOINT').catch(() => undefined);
  await client.end();
  const ownBytes = (await engine.usage()).databases.find((usage) => usage.database === 'c_snap')!.ownBytes!;
  const clone = path.join(dataDir, 'databases', 'c_snap');
  const others = fs
    .readdirSync(path.join(dataDir, 'databases'))
    .filter((name) => name !== 'c_snap')
    .map((name) => path.join(dataDir, 'databases', name));
  const snapshots = fs.readdirSync(path.join(dataDir, 'snapshots')).map((name) => path.join(dataDir, 'snapshots', name));
  const wal = path.join(clone, 'pg_wal');
  const ownWalBytes = (await accountBlocks([...others, ...snapshots, wal])).ownBytes.get(wal) ?? 0;
  const pageLimitBytes = (before + after) * 8192;
  return {
    heapPagesTouched: before + after,
    pageLimitBytes,
    ownBytes,
    ownWalBytes,
    ownWithoutWalVsLimit: (ownBytes - ownWalBytes) / pageLimitBytes,
  };
}

async function pgbenchOnClone(engine: PostgresEngine, port: number, connect: (database: string) => Promise<pg.Client>) {
  await engine.createDatabase('pgb_src');
  const { password } = await engine.abilities.credentials!.reveal('pgb_src', 'read-write');
  await run('pgbench', ['-i', '-s', '10', '-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'app', 'pgb_src'], {
    env: { ...process.env, PGPASSWORD: password, PGSSLMODE: 'require' },
  });
  await engine.cloneDatabase({ source: 'pgb_src', target: 'pgb', from: { kind: 'now' } });
  const clone = await engine.abilities.credentials!.reveal('pgb', 'read-write');
  const idle = await connect('pgb');
  await idle.query('SELECT count(*) FROM pgbench_accounts');
  await idle.end();
  const idleBytes = await serverMemory(engine.servers.socketDirOf('pgb'));
  const target = { host: '127.0.0.1', port, user: 'app', database: 'pgb', password: clone.password, ssl: true };
  let runningBytes = 0;
  const frontDoorTls = await pgbenchTps(target, async () => {
    runningBytes = await serverMemory(engine.servers.socketDirOf('pgb'));
  });
  const frontDoorPlain = await pgbenchTps({ ...target, ssl: false });
  // The clone's own socket, bypassing the front door: what the proxy costs.
  const serverSocket = await pgbenchTps({ ...target, host: engine.servers.socketDirOf('pgb'), port: 5432, ssl: false });
  return { pgbench: { frontDoorTls, frontDoorPlain, serverSocket }, memory: { idleBytes, runningBytes } };
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--size');
  const size = parseSize(at >= 0 ? process.argv[at + 1]! : '1GB');
  const { mountReflinkFilesystem } = await import('../scripts/servers/reflink-fs.mjs');
  const { startTestPostgres } = await import('../scripts/servers/postgres.mjs');
  const xfs = await mountReflinkFilesystem().catch((error: unknown) => {
    progress(`no reflink file system (${String(error)})`);
    return null;
  });
  const plainDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-bench-pg-'));
  const fsType = (await run('stat', ['-f', '-c', '%T', plainDir])).stdout.trim();
  const results: StoreFigures[] = [];
  try {
    if (xfs) results.push(await benchStore(`XFS reflink (${xfs.describe})`, path.join(xfs.url, 'store'), size.bytes));
    results.push(await benchStore(`${fsType} in ${os.tmpdir()} (full copies)`, path.join(plainDir, 'store'), size.bytes));
    progress('plain PostgreSQL 18 server: pgbench');
    const plain = await startTestPostgres({ durable: true, parent: xfs?.url });
    try {
      const url = new URL(plain.url);
      await run('pgbench', ['-i', '-s', '10', '-q', '-h', '127.0.0.1', '-p', url.port, '-U', 'postgres', 'test']);
      const tps = await pgbenchTps({ host: '127.0.0.1', port: Number(url.port), user: 'postgres', database: 'test', ssl: false });
      process.stdout.write(
        `${JSON.stringify({ size: size.label, machine: `${os.cpus().length} × ${os.cpus()[0]?.model}`, results, plainServerPgbenchTps: tps }, null, 2)}\n`,
      );
    } finally {
      await plain.stop();
    }
  } finally {
    fs.rmSync(plainDir, { recursive: true, force: true });
    await xfs?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
