import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors';
import type { EmbeddedEngine } from './engine';
import { openEmbeddedEngine } from './index';
import { checkDatabasesAnswer, checkStoreFiles, checkStoreStructure } from './store/integrity';
import { makeTempDir } from './store/testing/temp-dir';
import { wireClient } from '../testing/wire-client';

/**
 * Every running database lives in its own worker thread: a statement that sleeps or burns
 * CPU in one database holds up neither another database nor the dashboard's own calls, and
 * a worker that will not finish is terminated without harming the store. Ordering, not
 * time, is asserted: "B answered while A was still running".
 */
const temp = makeTempDir('workers');
let engine: EmbeddedEngine;
const CONSOLE_TIMEOUT_MS = 4_000;
const FOREVER = 'SELECT count(*) FROM generate_series(1, 1000000000000)';

async function open(): Promise<void> {
  engine = await openEmbeddedEngine({ dataDir: temp.dir, idleMs: 600_000, consoleTimeoutMs: CONSOLE_TIMEOUT_MS });
}

beforeAll(async () => {
  await open();
  await engine.createDatabase('a', { initialSql: 'CREATE TABLE t (id INT PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 100);' });
  await engine.cloneDatabase({ source: 'a', target: 'b', from: { kind: 'now' } });
});
afterAll(async () => {
  await engine?.close();
  temp.remove();
});

/** A statement left running: `settled` turns true once it ended, however it ended. */
function running(statement: Promise<unknown>) {
  const state = {
    settled: false,
    outcome: statement.then(
      () => 'done',
      (error: unknown) => error,
    ),
  };
  void state.outcome.then(() => (state.settled = true));
  return state;
}

const clientOf = (database: string): Promise<pg.Client> => wireClient(engine, database);

const count = async (database: string) => Number((await engine.query(database, 'SELECT count(*) FROM t')).rows[0]![0]);

describe('one worker per running database', () => {
  it('answers database B while database A is still inside pg_sleep', async () => {
    expect(await count('b')).toBe(100);
    const client = await clientOf('a');
    const sleeping = running(client.query('SELECT pg_sleep(600)'));
    await new Promise((resolve) => setTimeout(resolve, 200)); // let the sleep reach the worker
    const answer = await engine.query('b', 'SELECT 1 AS one');
    expect(answer.rows).toEqual([[1]]);
    expect(sleeping.settled).toBe(false);
    await engine.terminateDatabase('a');
    expect(await sleeping.outcome).toBeInstanceOf(Error);
    await client.end().catch(() => undefined);
    expect(await count('a')).toBe(100);
  });

  it("returns the dashboard's calls while a CPU-bound statement runs in another database", async () => {
    const client = await clientOf('a');
    const burning = running(client.query(FOREVER));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [databases, usage, health] = await Promise.all([engine.listDatabases(), engine.usage(), engine.health()]);
    expect(databases.map((database) => database.name)).toEqual(['a', 'b']);
    expect(usage.databases.map((database) => database.database)).toEqual(['a', 'b']);
    expect(health.ok).toBe(true);
    expect(burning.settled).toBe(false);
    await engine.terminateDatabase('a');
    expect(await burning.outcome).toBeInstanceOf(Error);
    await client.end().catch(() => undefined);
  });

  it('stops a console statement at the timeout by terminating its worker; the database answers again', async () => {
    const error = await engine.query('a', FOREVER).catch((caught: unknown) => caught);
    expect(isAppError(error) && error.code).toBe('TIMEOUT');
    expect(await count('a')).toBe(100);
  });

  it('keeps the store sound when a worker is terminated in the middle of writing', async () => {
    await engine.query('a', 'INSERT INTO t SELECT generate_series(101, 150)', { readOnly: false });
    const client = await clientOf('a');
    const writing = running(client.query('INSERT INTO t SELECT generate_series(1000, 100000000)'));
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // pages are being written now
    await engine.terminateDatabase('a');
    expect(await writing.outcome).toBeInstanceOf(Error);
    await client.end().catch(() => undefined);
    await engine.createSnapshot('after_kill', { level: 'database', database: 'a' });
    expect(await count('a')).toBe(150);
    await engine.close();
    expect(checkStoreFiles(temp.dir).missing).toEqual([]);
    await open();
    expect(checkStoreStructure(engine.store)).toEqual([]);
    expect(await checkDatabasesAnswer(engine)).toEqual([]);
    expect(await count('a')).toBe(150);
    await engine.cloneDatabase({ source: 'a', target: 'c', from: { kind: 'snapshot', snapshot: 'after_kill' } });
    expect(await count('c')).toBe(150);
  });
});
