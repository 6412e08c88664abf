import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionUrl } from '../testing/wire-client';
import type { EmbeddedEngine } from './engine';
import { makeTempDir } from './store/testing/temp-dir';
import { openEmbeddedWithDoor } from './testing/engine-with-door';

const run = promisify(execFile);

/** PostgreSQL's own command-line clients (pgbench, psql, pg_dump) against a clone on the embedded engine. */
describe('embedded engine with PostgreSQL tools', () => {
  let setup: Awaited<ReturnType<typeof openEmbeddedWithDoor>>;
  let engine: EmbeddedEngine;
  const files = makeTempDir('clients-files');

  beforeAll(async () => {
    setup = await openEmbeddedWithDoor('clients-tools');
    engine = setup.engine;
    await engine.createDatabase('tools_src', {
      initialSql:
        "CREATE TABLE ledger (id int PRIMARY KEY, note text, amount numeric(10,2)); INSERT INTO ledger SELECT i, 'row ' || i || CASE WHEN i % 7 = 0 THEN ', with \"quotes\"' ELSE '' END, i / 4.0 FROM generate_series(1, 500) AS i;",
    });
    await engine.cloneDatabase({ source: 'tools_src', target: 'tools', from: { kind: 'now' } });
  });
  afterAll(async () => {
    await setup?.close();
    files.remove();
  });

  /** pgbench's arguments and environment for a database, through the front door with TLS. */
  async function pgbenchTarget(database: string) {
    const url = new URL(await connectionUrl(engine, database));
    const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password), PGSSLMODE: 'require' };
    return { env, args: ['-h', url.hostname, '-p', url.port, '-U', url.username, database] };
  }

  it('pgbench in simple, extended and prepared modes with 8 clients: no failed transaction, and the balances add up', async () => {
    await engine.cloneDatabase({ source: 'tools_src', target: 'bench', from: { kind: 'now' } });
    const { env, args } = await pgbenchTarget('bench');
    await run('pgbench', ['-i', '-s', '1', '-q', ...args], { env });
    let transactions = 0;
    for (const mode of ['simple', 'extended', 'prepared']) {
      const result = await run('pgbench', ['-n', '-c', '8', '-j', '2', '-t', '100', '-M', mode, ...args], { env });
      expect(result.stdout, mode).toMatch(/number of failed transactions: 0 /);
      expect(result.stdout, mode).toMatch(/number of transactions actually processed: 800\/800/);
      transactions += 800;
      const sums = await engine.query(
        'bench',
        `SELECT (SELECT sum(abalance) FROM pgbench_accounts)::bigint, (SELECT sum(bbalance) FROM pgbench_branches)::bigint,
                (SELECT sum(tbalance) FROM pgbench_tellers)::bigint, (SELECT sum(delta) FROM pgbench_history)::bigint,
                (SELECT count(*) FROM pgbench_history)::int`,
      );
      const [accounts, branches, tellers, history, count] = sums.rows[0]!;
      expect(count, mode).toBe(transactions);
      expect([accounts, branches, tellers], mode).toEqual([history, history, history]);
    }
  });

  it('psql \\copy writes a table to a file and reads it back into another table, byte for byte', async () => {
    const url = await connectionUrl(engine, 'tools');
    const file = path.join(files.dir, 'ledger.csv');
    const psql = (command: string) => run('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', command]);
    await psql(`\\copy (SELECT id, note, amount FROM ledger ORDER BY id) TO '${file}' WITH CSV`);
    const expected = await engine.query('tools', 'SELECT id, note, amount FROM ledger ORDER BY id');
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(500);
    expect(lines[6]).toBe('7,"row 7, with ""quotes""",1.75');
    expect(lines.map((line) => Number(line.split(',')[0]))).toEqual(expected.rows.map((row) => row[0]));

    await psql('CREATE TABLE ledger_copy (LIKE ledger)');
    await psql(`\\copy ledger_copy FROM '${file}' WITH CSV`);
    const compare = await engine.query(
      'tools',
      `SELECT (SELECT count(*) FROM ledger_copy)::int,
              (SELECT count(*) FROM (SELECT * FROM ledger EXCEPT SELECT * FROM ledger_copy) AS missing)::int,
              (SELECT count(*) FROM (SELECT * FROM ledger_copy EXCEPT SELECT * FROM ledger) AS extra)::int`,
    );
    expect(compare.rows).toEqual([[500, 0, 0]]);
  });

  it('pg_dump in custom format, restored by pg_restore into another database, carries every row', async (context) => {
    // pg_dump refuses a server of a newer major version than its own (this machine's may be older than PGlite's).
    const server = Number((await engine.query('tools', 'SHOW server_version_num')).rows[0]![0]) / 10_000;
    const tool = Number(/\d+/.exec((await run('pg_dump', ['--version'])).stdout)![0]);
    if (tool < Math.floor(server)) return context.skip(`pg_dump ${tool} cannot dump a PostgreSQL ${Math.floor(server)} server`);
    const dump = path.join(files.dir, 'tools.dump');
    await run('pg_dump', ['-Fc', '-f', dump, await connectionUrl(engine, 'tools')]);
    expect(fs.readFileSync(dump).subarray(0, 5).toString('latin1')).toBe('PGDMP');
    await engine.createDatabase('restored');
    await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '-d', await connectionUrl(engine, 'restored'), dump]);
    const restored = await engine.query('restored', 'SELECT count(*)::int, sum(amount)::text, max(note) FROM ledger');
    const original = await engine.query('tools', 'SELECT count(*)::int, sum(amount)::text, max(note) FROM ledger');
    expect(restored.rows).toEqual(original.rows);
    expect(restored.rows[0]![0]).toBe(500);
  });
});
