import { afterAll, describe, expect, it } from 'vitest';
import type { EngineOperation } from '@/lib/engines/types';
import { matrixOneDialect } from './dialect';
import { DEFAULT_MYSQL_LIMITS, MysqlRunner, parseMysqlUrl, type MysqlPoolLimits } from './pool';
import { detectMatrixOneVersion } from './version';
import { serverErrno } from './errors';

/**
 * The driver against a real MatrixOne server (MATRIXONE_URL; `npm run test:engine -- --engine
 * matrixone` runs this file with the contract suite). Each case pins a behaviour the server
 * showed that the MySQL-protocol plumbing tests on MariaDB cannot: the statements the
 * dialect writes, the version string, sockets left open, idle sessions, sessions across a restore.
 */
const url = process.env.MATRIXONE_URL;
if (!url) console.log('MatrixOne server tests skipped: MATRIXONE_URL is not set');

describe.skipIf(!url)('the MatrixOne driver against a real server', () => {
  const prefix = `mo${Math.random()
    .toString(36)
    .slice(2, 7)
    .replace(/[^a-z0-9]/g, 'x')}_`;
  const runners: MysqlRunner[] = [];
  const runnerWith = (limits: Partial<MysqlPoolLimits> = {}) => {
    const runner = new MysqlRunner(parseMysqlUrl(url!, 6001), { ...DEFAULT_MYSQL_LIMITS, ...limits }, 'MatrixOne under test');
    runners.push(runner);
    return runner;
  };
  // Built on first use: describe.skipIf still runs this body when MATRIXONE_URL is unset.
  let adminRunner: MysqlRunner | null = null;
  const admin = { get: () => (adminRunner ??= runnerWith()) };
  const run = (sql: string) => admin.get().execute('test statement', sql, { timeoutMs: 120_000 });
  const rows = async (sql: string) =>
    (await admin.get().withConnection('test read', (session) => session.arrays(sql))).rows.map((row) => row.join('|'));

  /** PITR restore times are whole seconds in the server's local time: step clear of the seconds around it. */
  const pauseThenReadServerTime = async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const at = (await admin.get().scalar('clock', "SELECT DATE_FORMAT(NOW(), '%Y-%m-%d %H:%i:%s')"))!;
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    return at;
  };

  afterAll(async () => {
    for (const [name] of (await admin.get().withConnection('list', (s) => s.arrays('SHOW SNAPSHOTS'))).rows) {
      if (String(name).startsWith(prefix)) await run(`DROP SNAPSHOT \`${String(name)}\``).catch(() => undefined);
    }
    await run(`DROP PITR IF EXISTS \`${prefix}p\``).catch(() => undefined);
    for (const base of ['src', 'dev', 'old', 'other']) await run(`DROP DATABASE IF EXISTS \`${prefix}${base}\``);
    await Promise.all(runners.map((runner) => runner.close()));
  });

  it('reports its release, or for a build without one the commit and the 4.x grammar it is treated as', async () => {
    const version = await detectMatrixOneVersion((sql) => admin.get().scalar('detect', sql));
    const reported = (await admin.get().scalar('version', 'SELECT version()')) ?? '';
    if (/MatrixOne-v$/.test(reported)) {
      expect(version.development).toBe(true);
      expect(version.major).toBeGreaterThanOrEqual(4);
      expect(version.label).toContain((await admin.get().scalar('commit', 'SELECT git_version()'))!.slice(0, 10));
    } else {
      expect(reported).toContain(version.label);
    }
  });

  it('runs every statement the 4.x dialect writes', async () => {
    const dialect = matrixOneDialect('4.2');
    const exec = (operation: EngineOperation) => run(dialect.describe(operation)[0]!.sql);
    const [src, dev, other, s, ts, p] = ['src', 'dev', 'other', 's', 'ts', 'p'].map((base) => `${prefix}${base}`) as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    await exec({ kind: 'createDatabase', database: src });
    await run(`CREATE TABLE \`${src}\`.\`Users\` (id INT PRIMARY KEY, v VARCHAR(20))`);
    await run(`INSERT INTO \`${src}\`.\`Users\` VALUES (1, 'one')`);
    await exec({ kind: 'createSnapshot', snapshot: s, target: { level: 'database', database: src } });
    await exec({ kind: 'createSnapshot', snapshot: ts, target: { level: 'table', database: src, table: 'Users' } });
    await exec({ kind: 'createPitr', pitr: p, database: src, range: { value: 1, unit: 'h' } });
    await run(`INSERT INTO \`${src}\`.\`Users\` VALUES (2, 'two')`);
    await exec({ kind: 'cloneDatabase', request: { source: src, target: dev, from: { kind: 'snapshot', snapshot: s } } });
    await exec({ kind: 'cloneDatabase', request: { source: src, target: other, from: { kind: 'now' } } });
    const users = { database: src, table: 'Users' };
    await exec({ kind: 'cloneTable', request: { source: users, target: { database: other, table: 'users_then' }, snapshot: ts } });
    expect(await rows(`SELECT id FROM \`${dev}\`.\`Users\` ORDER BY id`)).toEqual(['1']);
    expect(await rows(`SELECT id FROM \`${other}\`.users_then ORDER BY id`)).toEqual(['1']);
    await exec({ kind: 'restoreTable', table: users, snapshot: ts });
    expect(await rows(`SELECT id FROM \`${src}\`.\`Users\``)).toEqual(['1']);
    // A snapshot of another database: refused with MatrixOne's generic error, not a parse error.
    const foreign = await exec({ kind: 'restoreDatabase', database: other, snapshot: s }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(serverErrno((foreign as Error | null)?.cause)).toBe(20101);
    await exec({ kind: 'restoreDatabase', database: src, snapshot: s });
    const at = await pauseThenReadServerTime();
    await run(`DELETE FROM \`${src}\`.\`Users\``);
    await exec({ kind: 'restorePitr', database: src, pitr: p, at });
    expect(await rows(`SELECT id FROM \`${src}\`.\`Users\``)).toEqual(['1']);
    // RESTORE ACCOUNT parses (a missing snapshot is 20101, a grammar error would be 1064) without rewinding anything.
    const accountRestore = await exec({ kind: 'restoreAccount', account: 'sys', snapshot: `${prefix}none` }).catch(
      (error: unknown) => error,
    );
    expect(serverErrno((accountRestore as Error).cause)).toBe(20101);
    await exec({ kind: 'dropPitr', pitr: p });
    await exec({ kind: 'dropSnapshot', snapshot: ts });
    await exec({ kind: 'dropDatabase', database: dev });
  });

  it('leaves no socket open after close (MatrixOne keeps its side open after COM_QUIT)', async () => {
    const sockets = () => process.getActiveResourcesInfo().filter((kind) => kind === 'TCPSocketWrap').length;
    const before = sockets();
    const runner = new MysqlRunner(parseMysqlUrl(url!, 6001), DEFAULT_MYSQL_LIMITS, 'MatrixOne under test');
    await Promise.all([1, 2, 3].map((n) => runner.scalar('open', `SELECT ${n}`)));
    expect(sockets()).toBeGreaterThan(before);
    await runner.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sockets()).toBe(before);
  });

  it('replaces a pooled connection the server closed while it was idle', async () => {
    const runner = runnerWith({ connectionLimit: 1 });
    const first = await runner.withConnection('shorten', async (session) => {
      await session.execute('SET SESSION wait_timeout = 1');
      return session.threadId;
    });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const second = await runner.withConnection('after idle', async (session) => session.threadId);
    expect(second).not.toBe(first);
    expect(await runner.scalar('works', 'SELECT 7')).toBe('7');
  });

  it('keeps other sessions open across a restore: they go on against the restored rows', async () => {
    const [old, snapshot] = [`${prefix}old`, `${prefix}old_s`];
    await run(`CREATE DATABASE \`${old}\``);
    await run(`CREATE TABLE \`${old}\`.t (id INT PRIMARY KEY)`);
    await run(`INSERT INTO \`${old}\`.t VALUES (1)`);
    await run(`CREATE SNAPSHOT \`${snapshot}\` FOR DATABASE \`${old}\``);
    await run(`INSERT INTO \`${old}\`.t VALUES (2)`);
    const client = runnerWith({ connectionLimit: 1 });
    const seen = await client.withConnection('a client session', async (session) => {
      await session.execute(`USE \`${old}\``);
      const before = (await session.arrays('SELECT id FROM t ORDER BY id')).rows.map(String);
      await run(`RESTORE DATABASE \`${old}\` {SNAPSHOT = '${snapshot}'}`);
      const after = (await session.arrays('SELECT id FROM t ORDER BY id')).rows.map(String);
      await session.execute('INSERT INTO t VALUES (3)');
      return { before, after };
    });
    expect(seen).toEqual({ before: ['1', '2'], after: ['1'] });
    expect(await rows(`SELECT id FROM \`${old}\`.t ORDER BY id`)).toEqual(['1', '3']);
  });
});
