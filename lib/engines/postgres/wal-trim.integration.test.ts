import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresEngine, type PostgresEngine } from './index';
import { segmentNameAt } from './wal-blank';
import { readControlState } from './wal-trim';

const SEGMENT = /^[0-9A-F]{24}$/;

/**
 * A running server recycles finished WAL segments (renamed ahead for later use, which keeps
 * commits fast); a stopped one must not keep them: they are removed at its clean shutdown,
 * and the server starts again on what is left with every committed row.
 */
describe('recycled WAL segments of a PostgreSQL-engine environment', () => {
  let dir: string;
  let engine: PostgresEngine;
  const query = (sql: string) =>
    engine.servers.use('w', (server) => server.asSuperuser('w', async (client) => (await client.query(sql)).rows));
  const segmentsOf = () =>
    fs
      .readdirSync(path.join(engine.storeDir, 'databases', 'w', 'pg_wal'))
      .filter((name) => SEGMENT.test(name))
      .sort();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-wal-trim-'));
    engine = await openPostgresEngine({ dataDir: path.join(dir, 'store'), idleMs: 600_000 });
    await engine.createDatabase('w', { initialSql: 'CREATE TABLE t (id int PRIMARY KEY, v text)' });
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads pg_control as PostgreSQL reports it', async () => {
    await query('CHECKPOINT');
    const [reported] = await query(
      'SELECT checkpoint_lsn::text AS checkpoint, redo_lsn::text AS redo, timeline_id AS timeline, redo_wal_file AS file FROM pg_control_checkpoint()',
    );
    const control = readControlState(path.join(engine.storeDir, 'databases', 'w'))!;
    const lsn = (text: string) => {
      const [high, low] = text.split('/');
      return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
    };
    expect(control).toEqual({
      shutDown: false,
      checkpoint: lsn(reported.checkpoint),
      redo: lsn(reported.redo),
      timeline: reported.timeline,
    });
    expect(segmentNameAt(control.timeline, control.redo, 16 * 1024 * 1024)).toBe(reported.file);
  });

  it('keeps them while the server runs, removes them when it stops, and restarts with every row', async () => {
    // ~200 MB of WAL in checkpointed batches: finished segments are recycled, not removed.
    for (let batch = 0; batch < 4; batch++) {
      await query(
        `INSERT INTO t SELECT g, repeat(md5(g::text), 8) FROM generate_series(${batch * 150_000 + 1}, ${(batch + 1) * 150_000}) g`,
      );
      await query('CHECKPOINT');
    }
    const [{ current }] = await query('SELECT pg_walfile_name(pg_current_wal_insert_lsn()) AS current');
    const ahead = segmentsOf().filter((name) => name > current);
    expect(ahead.length).toBeGreaterThan(1); // recycled for later (the test means nothing without them)

    await engine.servers.stop('w');
    const control = readControlState(path.join(engine.storeDir, 'databases', 'w'))!;
    expect(control.shutDown).toBe(true);
    const redo = segmentNameAt(control.timeline, control.redo, 16 * 1024 * 1024);
    const left = segmentsOf();
    expect(left).toContain(redo);
    expect(left.filter((name) => name > redo).length).toBeLessThanOrEqual(1);
    expect(left.length).toBeLessThan(ahead.length);

    expect(await query('SELECT count(*)::int AS rows, count(DISTINCT v)::int AS values FROM t')).toEqual([
      { rows: 600_000, values: 600_000 },
    ]);
    await query(`INSERT INTO t SELECT g, 'after' FROM generate_series(600001, 640000) g`);
    await engine.servers.stop('w');
    expect(await query(`SELECT count(*)::int AS rows, count(*) FILTER (WHERE v = 'after')::int AS after FROM t`)).toEqual([
      { rows: 640_000, after: 40_000 },
    ]);
  });

  it('leaves the WAL of a server that did not shut down cleanly to its recovery', async () => {
    await query(`INSERT INTO t SELECT g, 'crash' FROM generate_series(640001, 650000) g`);
    const before = segmentsOf();
    // A killed server: pg_control says it was running, so nothing is touched, and recovery replays.
    await engine.servers.use('w', async (server) => {
      const pid = Number(fs.readFileSync(path.join(server.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGKILL');
      await server.stop();
    });
    expect(segmentsOf()).toEqual(before);
    expect(await query(`SELECT count(*)::int AS rows FROM t WHERE v = 'crash'`)).toEqual([{ rows: 10_000 }]);
  });
});
