import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeCapabilities } from '../types';
import { embeddedCapabilities } from './capabilities';
import type { EmbeddedEngine } from './engine';
import { openEmbeddedEngine } from './index';
import { makeTempDir } from './store/testing/temp-dir';

/**
 * The embedded engine's own promises about the Postgres wire protocol: one front door for
 * every database, reached with each database's own credentials over TLS by real clients (the
 * `pg` driver, as psql would), changes made there seen by the engine and not by the source,
 * and a restore that hangs up on clients and then serves again.
 */
const temp = makeTempDir('wire');
let engine: EmbeddedEngine;
const clients: pg.Client[] = [];

beforeAll(async () => {
  engine = await openEmbeddedEngine({ dataDir: temp.dir, idleMs: 60_000 });
  await engine.createDatabase('source', { initialSql: "CREATE TABLE t (id INT PRIMARY KEY, v TEXT); INSERT INTO t VALUES (1, 'one');" });
  await engine.cloneDatabase({ source: 'source', target: 'branch', from: { kind: 'now' } });
});
afterAll(async () => {
  for (const client of clients) await client.end().catch(() => undefined);
  await engine?.close();
  temp.remove();
});

async function connect(database: string, access: 'read-write' | 'read-only' = 'read-write'): Promise<pg.Client> {
  const info = await engine.connectionInfo(database);
  const credentials = await engine.abilities.credentials!.reveal(database, access);
  const client = new pg.Client({ host: info.host, port: info.port, database, ...credentials, ssl: { rejectUnauthorized: false } });
  // A server hanging up is reported as an 'error' event; the tests look at it through `ended`.
  client.on('error', () => {});
  clients.push(client);
  await client.connect();
  return client;
}

const ended = (client: pg.Client) => new Promise<void>((resolve) => client.once('end', () => resolve()));
const valuesOf = async (database: string) => (await engine.query(database, 'SELECT v FROM t ORDER BY id')).rows.flat();

describe('the wire protocol', () => {
  it('describes one front door for every database, with its own role and TLS required', async () => {
    const info = await engine.connectionInfo('branch');
    expect(info).toMatchObject({ protocol: 'postgres', host: '127.0.0.1', user: 'app', database: 'branch' });
    expect(info.url).toBe(`postgres://app:***@127.0.0.1:${info.port}/branch?sslmode=require`);
    expect(info.command).toBe(`psql "${info.url}"`);
    expect((await engine.connectionInfo('source')).port).toBe(info.port);
    expect(summarizeCapabilities(engine)).toEqual(embeddedCapabilities);
  });

  it("refuses a wrong password, another database's password, and an unknown database alike", async () => {
    const info = await engine.connectionInfo('branch');
    const sourcePassword = (await engine.abilities.credentials!.reveal('source', 'read-write')).password;
    const attempts = [
      { database: 'branch', password: 'wrong' },
      { database: 'branch', password: sourcePassword },
      { database: 'nowhere', password: sourcePassword },
    ];
    for (const attempt of attempts) {
      const client = new pg.Client({ host: info.host, port: info.port, user: 'app', ...attempt, ssl: { rejectUnauthorized: false } });
      client.on('error', () => {});
      await expect(client.connect()).rejects.toMatchObject({ code: '28P01' });
    }
  });

  it('serves real clients; their changes reach engine.query and stay out of the source', async () => {
    const client = await connect('branch');
    expect((await client.query('SELECT v FROM t WHERE id = $1', [1])).rows).toEqual([{ v: 'one' }]);
    await client.query("INSERT INTO t VALUES (2, 'over the wire')");
    await client.query('CREATE TABLE wire_only (id INT)');
    expect(await valuesOf('branch')).toEqual(['one', 'over the wire']);
    expect(await valuesOf('source')).toEqual(['one']);
    const tables = await engine.query('source', "SELECT count(*)::int FROM information_schema.tables WHERE table_name = 'wire_only'");
    expect(tables.rows).toEqual([[0]]);
    const sourceClient = await connect('source');
    expect((await sourceClient.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 1 }]);
  });

  it('hangs up on clients when the database is restored, then serves the restored data', async () => {
    await engine.createSnapshot('before_wire_changes', { level: 'database', database: 'branch' });
    const client = await connect('branch');
    await client.query("INSERT INTO t VALUES (3, 'after the snapshot')");
    expect(await valuesOf('branch')).toEqual(['one', 'over the wire', 'after the snapshot']);

    const hungUp = ended(client);
    await engine.restoreDatabase('branch', 'before_wire_changes');
    await hungUp;
    await expect(client.query('SELECT 1')).rejects.toThrow();

    const again = await connect('branch');
    expect((await again.query('SELECT v FROM t ORDER BY id')).rows.map((row: { v: string }) => row.v)).toEqual(['one', 'over the wire']);
    await again.query("INSERT INTO t VALUES (4, 'after restore')");
    expect(await valuesOf('branch')).toEqual(['one', 'over the wire', 'after restore']);
  });

  it('stops serving a database once it is dropped', async () => {
    await engine.cloneDatabase({ source: 'source', target: 'short_lived', from: { kind: 'now' } });
    const client = await connect('short_lived');
    const port = (await engine.connectionInfo('short_lived')).port;
    const hungUp = ended(client);
    await engine.dropDatabase('short_lived');
    await hungUp;
    const password = (await engine.abilities.credentials!.reveal('source', 'read-write')).password;
    const late = new pg.Client({
      host: '127.0.0.1',
      port,
      user: 'app',
      password,
      database: 'short_lived',
      ssl: { rejectUnauthorized: false },
    });
    late.on('error', () => {});
    await expect(late.connect()).rejects.toMatchObject({ code: '28P01' });
  });
});
