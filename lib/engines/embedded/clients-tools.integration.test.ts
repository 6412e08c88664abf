import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { debianPostgresBin, startTestPostgres } from '../../../scripts/servers/postgres.mjs';
import { connectionUrl, sqlStateOf, wireClient } from '../testing/wire-client';
import type { EmbeddedEngine } from './engine';
import { makeTempDir } from './store/testing/temp-dir';
import { openEmbeddedWithDoor } from './testing/engine-with-door';

const run = promisify(execFile);

/** PostgreSQL's own command-line clients (pgbench, psql, pg_dump, pg_restore) against a clone on the embedded engine. */
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

  it('pg_dump of the embedded clone in custom format, restored by pg_restore into another database, carries every row', async (context) => {
    // pg_dump refuses a server of a newer major version than its own: Debian bookworm's tools are
    // PostgreSQL 15 and PGlite is 17, so this runs only where the tools are new enough.
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

  it("a PostgreSQL 15 server's custom-format dump, restored by pg_restore into an embedded clone, arrives exactly", async () => {
    // pg_restore, unlike pg_dump, accepts a newer server: the dump comes from Debian's PostgreSQL
    // 15 (server and pg_dump from the same folder), the restore goes through the front door.
    const bin = debianPostgresBin();
    const source = await startTestPostgres({ bin });
    try {
      const origin = new pg.Client({ connectionString: source.url });
      await origin.connect();
      try {
        // An older (bookworm: 15) or the same major version as PGlite's: what pg_restore accepts.
        const major = (versionNum: unknown) => Math.floor(Number(versionNum) / 10_000);
        const sourceMajor = major((await origin.query('SHOW server_version_num')).rows[0].server_version_num);
        expect(sourceMajor).toBeLessThanOrEqual(major((await engine.query('tools', 'SHOW server_version_num')).rows[0]![0]));
        await origin.query(SOURCE_SCHEMA);
        const dump = path.join(files.dir, 'pg15.dump');
        await run(path.join(bin, 'pg_dump'), ['-Fc', '-f', dump, source.url]);
        expect(fs.readFileSync(dump).subarray(0, 5).toString('latin1')).toBe('PGDMP');

        await engine.createDatabase('restore_base', { initialSql: 'CREATE TABLE kept (id int)' });
        await engine.cloneDatabase({ source: 'restore_base', target: 'restore_clone', from: { kind: 'now' } });
        const target = await connectionUrl(engine, 'restore_clone');
        await run(path.join(bin, 'pg_restore'), ['--no-owner', '--no-privileges', '--exit-on-error', '-d', target, dump]);

        const restored = await wireClient(engine, 'restore_clone');
        try {
          const expected = await fingerprint(origin);
          expect(expected.customers.rows).toBe(1200);
          expect(expected.orders.rows).toBe(4800);
          expect(await fingerprint(restored)).toEqual(expected);
          // The sequence carries on where the source's stopped, by its own increment (3).
          const next = await restored.query("SELECT nextval('invoice_numbers')::int AS invoice");
          expect(next.rows[0].invoice).toBe(expected.sequences.invoice_numbers.last_value + 3);
          // The foreign key came along: PostgreSQL itself refuses an order of nobody.
          expect(await sqlStateOf(restored.query('INSERT INTO orders (customer_id) VALUES (-1)'))).toBe('23503');
        } finally {
          await restored.end();
        }
        // The clone's source did not receive any of it.
        const base = await engine.query('restore_base', "SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public'");
        expect(base.rows).toEqual([[1]]);
      } finally {
        await origin.end();
      }
    } finally {
      await source.stop();
    }
  }, 180_000);

  // Found by the restore above: when a database's last client leaves, its worker may keep running
  // with that client's session settings (pg_restore's `set_config('search_path', '', false)`).
  it("a client connecting after another left does not inherit that client's session settings", async () => {
    await engine.createDatabase('settings_left');
    const read = "SELECT current_setting('search_path') AS search_path, current_setting('statement_timeout') AS timeout";
    const first = await wireClient(engine, 'settings_left');
    const fresh = (await first.query(read)).rows;
    expect(fresh[0]).toMatchObject({ timeout: '0' });
    await first.query("SELECT pg_catalog.set_config('search_path', '', false), set_config('statement_timeout', '1234', false)");
    expect((await first.query(read)).rows).toEqual([{ search_path: '', timeout: '1234ms' }]);
    await first.end();
    const next = await wireClient(engine, 'settings_left');
    try {
      expect((await next.query(read)).rows).toEqual(fresh);
    } finally {
      await next.end();
    }
  });
});

/**
 * A realistic schema on the PostgreSQL 15 server: a foreign key, identity and bigserial columns,
 * a sequence of its own, a composite index, a view, and rows with NULLs, quotes, backslashes,
 * unicode, bytea (including zero bytes), numeric, dates, timestamps (with and without zone,
 * infinity), arrays and jsonb.
 */
const SOURCE_SCHEMA = `
  CREATE TABLE customers (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    email text UNIQUE,
    note text,
    joined_at timestamptz NOT NULL
  );
  CREATE SEQUENCE invoice_numbers START 1000 INCREMENT 3;
  CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    customer_id int NOT NULL REFERENCES customers (id),
    invoice int NOT NULL DEFAULT nextval('invoice_numbers'),
    total numeric(14, 4),
    placed_on date,
    placed_at timestamp,
    payload bytea,
    tags text[],
    details jsonb
  );
  CREATE INDEX orders_by_customer ON orders (customer_id, placed_at DESC);
  CREATE VIEW customer_totals AS
    SELECT c.id, c.name, count(o.id) AS orders, sum(o.total) AS total, max(o.placed_at) AS last_order
    FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id, c.name;
  INSERT INTO customers (name, email, note, joined_at)
    SELECT (ARRAY['O''Brien', 'Zoë "Z" Ångström', '日本語の名前', 'back\\slash', 'tab' || chr(9) || 'new' || chr(10) || 'line', 'Ελληνικά 🐘'])[1 + i % 6] || ' ' || i,
           CASE WHEN i % 5 = 0 THEN NULL ELSE 'user' || i || '@example.com' END,
           CASE WHEN i % 3 = 0 THEN NULL WHEN i % 3 = 1 THEN '' ELSE repeat('≈', i % 40) END,
           timestamptz '2020-02-29 23:59:59.123456+05:30' + i * interval '7 hours 3 minutes'
    FROM generate_series(1, 1200) AS i;
  INSERT INTO orders (customer_id, total, placed_on, placed_at, payload, tags, details)
    SELECT 1 + (i * 7) % 1200,
           CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 1234.5678 / 7)::numeric(14, 4) END,
           CASE WHEN i % 13 = 0 THEN NULL ELSE date '1999-12-31' + i END,
           CASE WHEN i = 1 THEN timestamp 'infinity' WHEN i % 17 = 0 THEN NULL ELSE timestamp '2024-01-01' + i * interval '1 minute 1.5 seconds' END,
           CASE WHEN i % 9 = 0 THEN NULL ELSE decode(md5(i::text), 'hex') || '\\x00ff'::bytea END,
           CASE WHEN i % 4 = 0 THEN NULL ELSE ARRAY['a,b', 'quote"d', NULL, 'ü'] END,
           CASE WHEN i % 6 = 0 THEN NULL ELSE jsonb_build_object('n', i, 'text', 'line' || chr(10) || 'é', 'list', jsonb_build_array(i, NULL, true)) END
    FROM generate_series(1, 4800) AS i;
  SELECT nextval('invoice_numbers') FROM generate_series(1, 5);
`;

/** What must be identical on both servers: per table the row count and an md5 of its rows in order, the view's answer, the sequences' positions, the indexes. */
async function fingerprint(client: pg.Client) {
  // The text form of timestamps and numbers depends on session settings: the same on both sides.
  await client.query("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres'; SET extra_float_digits = 1");
  const table = async (name: string) =>
    (
      await client.query<{ rows: number; md5: string }>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t.id), '')) AS md5 FROM ${name} AS t`,
      )
    ).rows[0]!;
  const sequence = async (name: string) =>
    (await client.query<{ last_value: number; is_called: boolean }>(`SELECT last_value::int, is_called FROM ${name}`)).rows[0]!;
  const identity = (await client.query<{ name: string }>("SELECT pg_get_serial_sequence('customers', 'id') AS name")).rows[0]!.name;
  const serial = (await client.query<{ name: string }>("SELECT pg_get_serial_sequence('orders', 'id') AS name")).rows[0]!.name;
  const indexes = await client.query("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname");
  return {
    customers: await table('customers'),
    orders: await table('orders'),
    view: await table('customer_totals'),
    sequences: {
      invoice_numbers: await sequence('invoice_numbers'),
      customers_identity: await sequence(identity),
      orders_serial: await sequence(serial),
    },
    indexes: indexes.rows,
  };
}
