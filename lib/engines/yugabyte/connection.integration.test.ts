import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyedQueue } from './clones';
import { DatabaseRunners, type YugabyteContext } from './context';
import { openYugabyteEngine } from './index';
import { DEFAULT_PG_LIMITS, PgRunner, parsePgUrl, type PgPoolLimits } from './pool';
import { listTables, swapDatabases } from './restore';
import { parseRetention } from './retention';
import { SnapshotStore } from './snapshot-store';
import { runUserQuery } from './usage';
import { detectYugabyteVersion } from './version';
import { failureOf, unusedPort } from '../testing/plumbing';
import { testServerUrl } from '@/lib/db/test-support';

/**
 * The Postgres-protocol plumbing (pool, statement_timeout, error mapping, the snapshot
 * catalog, the rename swap) against the real PostgreSQL server on the CI machine.
 * PostgreSQL is not YugabyteDB and is never treated as one: the product check must
 * refuse it, and only the parts that are plain Postgres run here.
 */
const SERVER_URL = testServerUrl('CLONEDECK_TEST_PG_URL');
const target = parsePgUrl(SERVER_URL);
const suffix = `${process.pid}`;

const runners: PgRunner[] = [];
function runnerWith(limits: Partial<PgPoolLimits> = {}, url = SERVER_URL): PgRunner {
  const runner = new PgRunner(parsePgUrl(url), { ...DEFAULT_PG_LIMITS, ...limits }, 'the test server');
  runners.push(runner);
  return runner;
}

const admin = runnerWith();
const databases = new DatabaseRunners(target, 'the test server');
const context: YugabyteContext = {
  admin,
  target,
  version: { release: 'none', postgres: '15', label: 'PostgreSQL standing in for the plumbing only' },
  store: new SnapshotStore(admin, `clonedeck_test_${suffix}`),
  retention: parseRetention('1d'),
  queue: new KeyedQueue(),
  databases,
  now: () => new Date(),
  cloneWait: { timeoutMs: 1000, intervalMs: 10 },
};
const SCRATCH = `cd_scratch_${suffix}`;

beforeAll(async () => {
  await admin.execute('prepare', `CREATE DATABASE ${SCRATCH}`);
  await databases.get(SCRATCH).execute('prepare', 'CREATE TABLE notes (id int primary key); INSERT INTO notes VALUES (1), (2)');
});
afterAll(async () => {
  await databases.closeAll();
  for (const name of [SCRATCH, `cd_swap_${suffix}`, `cd_swap_${suffix}_staging`, `cd_swap_${suffix}_before`]) {
    await admin.execute('clean up', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  await admin.execute('clean up', `DROP SCHEMA IF EXISTS clonedeck_test_${suffix} CASCADE`);
  await Promise.all(runners.map((runner) => runner.close()));
});

describe('pg plumbing against the local PostgreSQL server', () => {
  it('connects through the pool', async () => {
    expect(await runnerWith().scalar('ping', 'SELECT 1 + 1')).toBe('2');
  });

  it('recognises PostgreSQL as not YugabyteDB, and openYugabyteEngine refuses it', async () => {
    const detected = await failureOf(detectYugabyteVersion((sql) => admin.scalar('detect', sql)));
    expect(detected.code).toBe('UNSUPPORTED');
    expect(detected.message).toMatch(/is PostgreSQL [\d.]+, not YugabyteDB/);
    expect((await failureOf(openYugabyteEngine({ url: SERVER_URL }))).code).toBe('UNSUPPORTED');
  });

  it('maps statement_timeout to TIMEOUT and restores the default after a per-statement limit', async () => {
    const runner = runnerWith({ max: 1, statementTimeoutMs: 300 });
    expect((await failureOf(runner.execute('sleep', 'SELECT pg_sleep(5)'))).code).toBe('TIMEOUT');
    expect((await failureOf(runner.execute('sleep', 'SELECT pg_sleep(5)', { timeoutMs: 100 }))).code).toBe('TIMEOUT');
    await runner.execute('short sleep under a longer limit', 'SELECT pg_sleep(0.5)', { timeoutMs: 2000 });
    expect(await runner.scalar('read the limit', 'SHOW statement_timeout')).toBe('300ms');
  });

  it('maps an unknown database to NOT_FOUND and an unknown role to ENGINE_UNAVAILABLE', async () => {
    const url = new URL(SERVER_URL);
    url.pathname = '/clonedeck_no_such_db';
    expect((await failureOf(runnerWith({}, url.toString()).scalar('connect', 'SELECT 1'))).code).toBe('NOT_FOUND');
    const role = new URL(SERVER_URL);
    role.username = 'clonedeck_no_such_role';
    const denied = await failureOf(runnerWith({}, role.toString()).scalar('connect', 'SELECT 1'));
    expect(denied.code).toBe('ENGINE_UNAVAILABLE');
    expect(denied.message).toMatch(/refused the configured user/);
  });

  it('maps a refused connection to ENGINE_UNAVAILABLE', async () => {
    const url = new URL(SERVER_URL);
    url.port = String(await unusedPort());
    const error = await failureOf(runnerWith({}, url.toString()).scalar('connect', 'SELECT 1'));
    expect(error.code).toBe('ENGINE_UNAVAILABLE');
  });

  it('survives pg_terminate_backend mid-operation; the pool recovers', async () => {
    const runner = runnerWith({ max: 1, statementTimeoutMs: 20_000 });
    const error = await failureOf(
      runner.withClient('long operation', async (session) => {
        const [backend] = await session.rows<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        if (!backend) throw new Error('pg_backend_pid() returned no row');
        const { pid } = backend;
        setTimeout(() => void admin.execute('terminate', 'SELECT pg_terminate_backend($1)', { params: [pid] }), 300);
        await session.execute('SELECT pg_sleep(10)');
      }),
    );
    expect(error.code).toBe('ENGINE_UNAVAILABLE');
    expect(await runner.scalar('after', 'SELECT 42')).toBe('42');
  });

  it('runs user text as one statement, read-only when asked', async () => {
    const read = await runUserQuery(context, SCRATCH, 'SELECT id FROM notes ORDER BY id', { readOnly: true, maxRows: 1 });
    expect(read).toMatchObject({ command: 'SELECT', columns: ['id'], rows: [[1]], rowCount: 2, truncated: true });
    expect((await failureOf(runUserQuery(context, SCRATCH, 'INSERT INTO notes VALUES (3)', { readOnly: true }))).code).toBe('FORBIDDEN');
    await failureOf(runUserQuery(context, SCRATCH, 'SELECT 1; COMMIT; INSERT INTO notes VALUES (4)', { readOnly: true }));
    expect(await databases.get(SCRATCH).scalar('count', 'SELECT count(*) FROM notes')).toBe('2');
  });
});

describe('the snapshot catalog on a real server', () => {
  it('records server time, refuses duplicates, moves and forgets points in time', async () => {
    const { store } = context;
    const before = BigInt((await admin.scalar('clock', 'SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint')) ?? '0');
    const first = await store.record('s1', 'prod', ['public.users']);
    expect(first.unixMicros >= before).toBe(true);
    expect(first.tables).toEqual(['public.users']);
    expect((await failureOf(store.record('s1', 'prod', null))).code).toBe('CONFLICT');
    await store.record('s2', 'prod', null);
    await store.moveDatabase('prod', 'prod_before_restore_202503011234');
    expect((await store.getOrThrow('s2')).database).toBe('prod_before_restore_202503011234');
    await store.remove('s1');
    expect((await failureOf(store.remove('s1'))).code).toBe('NOT_FOUND');
    await store.removeForDatabase('prod_before_restore_202503011234');
    expect(await store.list()).toEqual([]);
  });
});

describe('the rename swap on a real server', () => {
  it('ends other sessions, keeps the original aside and puts the staging database in its place', async () => {
    const database = `cd_swap_${suffix}`;
    const staging = `${database}_staging`;
    const previous = `${database}_before`;
    await admin.execute('prepare', `CREATE DATABASE ${database}`);
    await databases.get(database).execute('prepare', 'CREATE TABLE old_only (id int)');
    await databases.forget(database);
    await admin.execute('prepare', `CREATE DATABASE ${staging}`);
    await databases.get(staging).execute('prepare', 'CREATE TABLE restored (id int)');

    const bystander = new pg.Client({ ...target, database });
    await bystander.connect();
    bystander.on('error', () => undefined);
    await swapDatabases(context, database, staging, previous);

    await expect(bystander.query('SELECT 1')).rejects.toThrow();
    await bystander.end().catch(() => undefined);
    expect(await listTables(context, database)).toEqual(['public.restored']);
    expect(await listTables(context, previous)).toEqual(['public.old_only']);
  });
});
