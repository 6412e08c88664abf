import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresEngine, type PostgresEngine } from './index';

const reflinkDir = process.env.CLONEDECK_TEST_REFLINK_DIR;

/**
 * A copy made online ends its WAL at a segment switch, so its server's first act is to start
 * a new segment. With PostgreSQL's zero-filled segments (which keep commits fast on XFS) that
 * would be 16 MB of zeros every fresh clone owns; the store's blank segment, placed as a
 * reflink, costs it nothing until written, and PostgreSQL writes into it.
 */
describe.skipIf(!reflinkDir)('the blank WAL segment of a fresh copy (PostgreSQL engine on reflinks)', () => {
  let dataDir: string;
  let engine: PostgresEngine;
  const query = (database: string, sql: string) =>
    engine.servers.use(database, (server) => server.asSuperuser(database, async (client) => (await client.query(sql)).rows));
  const usageOf = async (database: string) => (await engine.usage()).databases.find((usage) => usage.database === database)!;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(reflinkDir!, 'wal-blank-'));
    engine = await openPostgresEngine({ dataDir: path.join(dataDir, 'store'), idleMs: 600_000 });
    await engine.createDatabase('src', {
      initialSql: `CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, 20000) g;`,
    });
  });
  afterAll(async () => {
    await engine?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a fresh clone owns no WAL segment, writes into the blank one, and keeps what it committed', async () => {
    await engine.cloneDatabase({ source: 'src', target: 'fresh', from: { kind: 'now' } });
    const [{ segment }] = await query('fresh', 'SELECT pg_walfile_name(pg_current_wal_insert_lsn()) AS segment');
    // Blocks shared with the store's blank segment are not the clone's (16 MiB if it had made its own).
    expect((await usageOf('fresh')).ownBytes).toBeLessThan(2 * 1024 * 1024);

    await query('fresh', `INSERT INTO t SELECT g, 'clone' FROM generate_series(20001, 30000) g`);
    // PostgreSQL opened the segment that was there: the one it writes is still the one it started in.
    expect((await query('fresh', 'SELECT pg_walfile_name(pg_current_wal_insert_lsn()) AS segment'))[0].segment).toBe(segment);
    expect((await usageOf('fresh')).ownBytes).toBeGreaterThan(0);

    await engine.servers.stop('fresh');
    expect(await query('fresh', `SELECT count(*)::int AS rows, count(*) FILTER (WHERE v = 'clone')::int AS written FROM t`)).toEqual([
      { rows: 30000, written: 10000 },
    ]);
    expect(await query('src', 'SELECT count(*)::int AS rows FROM t')).toEqual([{ rows: 20000 }]);
  });

  it('a snapshot shares the blank too, and clones and restores from it start on it', async () => {
    await engine.createSnapshot('s1', { level: 'database', database: 'src' });
    expect((await engine.usage()).snapshots.find((snapshot) => snapshot.snapshot === 's1')!.pinnedBytes).toBeLessThan(2 * 1024 * 1024);
    await engine.cloneDatabase({ source: 'src', target: 'from_snapshot', from: { kind: 'snapshot', snapshot: 's1' } });
    expect((await usageOf('from_snapshot')).ownBytes).toBeLessThan(2 * 1024 * 1024);
    expect(await query('from_snapshot', 'SELECT count(*)::int AS rows FROM t')).toEqual([{ rows: 20000 }]);
    await query('src', 'DELETE FROM t WHERE id <= 100');
    await engine.abilities.restore!.restoreDatabase('src', 's1');
    expect(await query('src', 'SELECT count(*)::int AS rows FROM t')).toEqual([{ rows: 20000 }]);
    expect((await usageOf('src')).ownBytes).toBeLessThan(2 * 1024 * 1024);
  });
});
