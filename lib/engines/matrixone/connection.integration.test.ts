import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMatrixOneEngine } from './index';
import { DEFAULT_MYSQL_LIMITS, MysqlRunner, parseMysqlUrl, type MysqlPoolLimits } from './pool';
import { runUserQuery } from './query';
import { detectMatrixOneVersion, parseMatrixOneVersion } from './version';
import { failureOf, unusedPort } from '../testing/plumbing';
import { testServerUrl } from '@/lib/db/test-support';

/**
 * The MySQL-protocol plumbing (pool, timeouts, error mapping) against the real MariaDB
 * server on the CI machine. MariaDB is not MatrixOne and is never treated as one: these
 * tests exercise the parts that do not depend on the product, and check that the product
 * check refuses it.
 */
const SERVER_URL = testServerUrl('CLONEDECK_TEST_MYSQL_URL');
const target = parseMysqlUrl(SERVER_URL);
const SCRATCH_DATABASE = `clonedeck_plumbing_${process.pid}`;

const runners: MysqlRunner[] = [];
function runnerWith(limits: Partial<MysqlPoolLimits> = {}, url = SERVER_URL): MysqlRunner {
  const runner = new MysqlRunner(parseMysqlUrl(url), { ...DEFAULT_MYSQL_LIMITS, ...limits }, 'the test server');
  runners.push(runner);
  return runner;
}

const admin = runnerWith();
beforeAll(async () => {
  await admin.execute('prepare', `CREATE DATABASE IF NOT EXISTS \`${SCRATCH_DATABASE}\``);
  await admin.execute('prepare', `CREATE TABLE IF NOT EXISTS \`${SCRATCH_DATABASE}\`.notes (id INT PRIMARY KEY)`);
});
afterAll(async () => {
  await admin.execute('clean up', `DROP DATABASE IF EXISTS \`${SCRATCH_DATABASE}\``);
  await Promise.all(runners.map((runner) => runner.close()));
});

describe('mysql2 plumbing against the local MariaDB server', () => {
  it('connects through the pool', async () => {
    expect(await runnerWith().scalar('ping', 'SELECT 1 + 1')).toBe('2');
  });

  it('recognises MariaDB as not MatrixOne, and openMatrixOneEngine refuses it', async () => {
    const runner = runnerWith();
    const detected = await failureOf(detectMatrixOneVersion((sql) => runner.scalar('detect', sql)));
    expect(detected.code).toBe('UNSUPPORTED');
    expect(detected.message).toMatch(/is MariaDB [\d.]+, not MatrixOne/);
    const opened = await failureOf(openMatrixOneEngine({ url: SERVER_URL }));
    expect(opened.code).toBe('UNSUPPORTED');
  });

  it('maps a query timeout to TIMEOUT, stops the query on the server, and keeps working', async () => {
    const runner = runnerWith({ connectionLimit: 1 });
    const marker = `clonedeck_timeout_${process.pid}`;
    const timedOut = await failureOf(runner.rows('sleep', `SELECT SLEEP(20) AS ${marker}`, { timeoutMs: 300 }));
    expect(timedOut.code).toBe('TIMEOUT');
    expect(await runner.scalar('after the timeout', 'SELECT 7')).toBe('7');
    const stillRunning = await admin.rows(
      'look for the query',
      `SELECT id FROM information_schema.processlist WHERE info LIKE '%${marker}%' AND info NOT LIKE '%processlist%'`,
    );
    expect(stillRunning).toEqual([]);
  });

  it('maps a wrong password to ENGINE_UNAVAILABLE (access denied), not to a user error', async () => {
    const wrong = new URL(SERVER_URL);
    wrong.password = 'certainly-wrong';
    const error = await failureOf(runnerWith({}, wrong.toString()).scalar('log in', 'SELECT 1'));
    expect(error.code).toBe('ENGINE_UNAVAILABLE');
    expect(error.message).toMatch(/access denied/);
    expect((error.cause as { errno?: number }).errno).toBe(1045);
  });

  it('maps a refused connection to ENGINE_UNAVAILABLE', async () => {
    const refused = new URL(SERVER_URL);
    refused.port = String(await unusedPort());
    const error = await failureOf(runnerWith({}, refused.toString()).scalar('connect', 'SELECT 1'));
    expect(error.code).toBe('ENGINE_UNAVAILABLE');
    expect((error.cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it('maps unknown databases and tables to NOT_FOUND', async () => {
    const missingTable = await failureOf(admin.rows('read', 'SELECT * FROM clonedeck_no_such_db.t'));
    expect(missingTable.code).toBe('NOT_FOUND');
    const url = new URL(SERVER_URL);
    url.pathname = '/clonedeck_no_such_db';
    const missingDatabase = await failureOf(runnerWith({}, url.toString()).scalar('connect', 'SELECT 1'));
    expect(missingDatabase.code).toBe('NOT_FOUND');
  });

  it('survives the server killing the connection mid-operation; the pool recovers', async () => {
    const runner = runnerWith({ connectionLimit: 1 });
    const error = await failureOf(
      runner.withConnection('long operation', async (session) => {
        setTimeout(() => void admin.execute('kill', `KILL ${Number(session.threadId)}`), 300);
        await session.rows('SELECT SLEEP(10)');
      }),
    );
    expect(error.code).toBe('ENGINE_UNAVAILABLE');
    // One connection allowed: this only works if the dead one was destroyed, not returned.
    expect(await runner.scalar('after the kill', 'SELECT 42')).toBe('42');
  });

  it('fails with TIMEOUT when no pooled connection frees up in time', async () => {
    const runner = runnerWith({ connectionLimit: 1, acquireTimeoutMs: 200 });
    const holding = runner.withConnection('hold', (session) => session.rows('SELECT SLEEP(1)'));
    const waiting = await failureOf(runner.scalar('wait', 'SELECT 1'));
    expect(waiting.code).toBe('TIMEOUT');
    await holding;
    expect(await runner.scalar('after', 'SELECT 1')).toBe('1');
  });

  it('refuses a second statement smuggled into one query', async () => {
    const smuggled = `clonedeck_smuggled_${process.pid}`;
    await failureOf(admin.execute('query', `SELECT 1; CREATE DATABASE ${smuggled}`));
    const found = await admin.rows('look', `SHOW DATABASES LIKE '${smuggled}'`);
    expect(found).toEqual([]);
  });

  it('runs a script with several statements on its own connection', async () => {
    await admin.runScript('load', SCRATCH_DATABASE, 'INSERT INTO notes VALUES (1);\nINSERT INTO notes VALUES (2);');
    expect(await admin.scalar('count', `SELECT COUNT(*) FROM \`${SCRATCH_DATABASE}\`.notes`)).toBe('2');
  });

  it('runs user queries read-only when asked: the server refuses the write', async () => {
    const context = { runner: admin, target, version: parseMatrixOneVersion('3.0'), grammar: 'from-snapshot' as const, account: 'sys' };
    const read = await runUserQuery(context, SCRATCH_DATABASE, 'SELECT id FROM notes ORDER BY id', { readOnly: true, maxRows: 1 });
    expect(read).toMatchObject({ command: 'SELECT', columns: ['id'], rows: [[1]], rowCount: 2, truncated: true });
    const write = await failureOf(runUserQuery(context, SCRATCH_DATABASE, 'INSERT INTO notes VALUES (3)', { readOnly: true }));
    expect(write.code).toBe('FORBIDDEN');
    expect(await admin.scalar('count', `SELECT COUNT(*) FROM \`${SCRATCH_DATABASE}\`.notes`)).toBe('2');
  });
});
