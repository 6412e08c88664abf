import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../scripts/build-cli.mjs';
import { EXIT } from './exit-codes';

/**
 * `clonedeck engine …` as a user runs it: the real bin script in a separate process, running
 * the bundle built from the current sources, on a store in a temporary directory. Steps build
 * on each other (one store, initdb once).
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'clonedeck.mjs');
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-cli-'));
const dataDir = path.join(temp, 'store');
const ENV = { ...process.env, CLONEDECK_HOME: temp, CLONEDECK_ENGINE_LISTEN: '127.0.0.1:56201', CLONEDECK_IDLE_SECONDS: '60' };
beforeAll(() => buildCli());
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function clonedeck(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'engine', ...args, '--data-dir', dataDir], { cwd: ROOT, env: ENV }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr: stderr.replace(/^npm warn.*\n/gm, '') });
    });
  });
}

async function json<T>(...args: string[]): Promise<T> {
  const run = await clonedeck(...args, '--json');
  expect(run.code, run.stderr).toBe(EXIT.ok);
  return JSON.parse(run.stdout) as T;
}

interface UsageDocument {
  databases: Array<{ database: string; logicalBytes: number; ownBytes: number }>;
  physicalBytes: number;
  logicalBytes: number;
}
interface ListDocument {
  databases: Array<{ name: string; origin?: { database: string } }>;
  snapshots: Array<{ name: string; database: string }>;
}
const rowsOf = async (database: string, sql: string) => (await json<{ rows: unknown[][] }>('sql', database, sql)).rows;
const usageOf = (usage: UsageDocument, name: string) => usage.databases.find((database) => database.database === name)!;

describe('clonedeck engine', () => {
  it('creates a database from a SQL file, clones it and runs SQL in the clone only', async () => {
    const sqlFile = path.join(temp, 'seed.sql');
    fs.writeFileSync(sqlFile, "CREATE TABLE items (id INT PRIMARY KEY, name TEXT);\nINSERT INTO items VALUES (1, 'anvil'), (2, 'rope');\n");
    const created = await clonedeck('create', 'shop', '--from-sql', sqlFile);
    expect(created.code, created.stderr).toBe(EXIT.ok);
    expect(created.stdout).toContain('created database shop');
    expect((await clonedeck('clone', 'shop', 'shop_dev')).code).toBe(EXIT.ok);

    const before = await json<UsageDocument>('usage');
    const inserted = await clonedeck('sql', 'shop_dev', "INSERT INTO items SELECT g, 'crate ' || g FROM generate_series(3, 3000) AS g");
    expect(inserted.code, inserted.stderr).toBe(EXIT.ok);
    expect(await rowsOf('shop_dev', 'SELECT count(*)::int FROM items')).toEqual([[3000]]);
    expect(await rowsOf('shop', 'SELECT name FROM items ORDER BY id')).toEqual([['anvil'], ['rope']]);

    const after = await json<UsageDocument>('usage');
    expect(usageOf(after, 'shop_dev').ownBytes).toBeGreaterThan(usageOf(before, 'shop_dev').ownBytes + 100_000);
    expect(usageOf(after, 'shop_dev').logicalBytes).toBeGreaterThan(usageOf(after, 'shop').logicalBytes);
    expect(usageOf(after, 'shop_dev').ownBytes).toBeGreaterThan(usageOf(after, 'shop').ownBytes);
    expect(after.logicalBytes).toBeGreaterThan(after.physicalBytes);
  });

  it('lists databases with their origin, and snapshots', async () => {
    expect((await clonedeck('snapshot', 'shop', 'shop_v1')).code).toBe(EXIT.ok);
    const list = await json<ListDocument>('list');
    expect(list.databases.map((database) => [database.name, database.origin?.database ?? null])).toEqual([
      ['shop', null],
      ['shop_dev', 'shop'],
    ]);
    expect(list.snapshots).toEqual([expect.objectContaining({ name: 'shop_v1', database: 'shop' })]);
  });

  it('runs the statements "Show SQL" prints with exec, then drops what it made', async () => {
    const script = '-- as the dashboard shows it\nCHECKPOINT;\nCREATE DATABASE "shop_exec" CLONE "shop" {SNAPSHOT = \'shop_v1\'};';
    const run = await clonedeck('exec', script);
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(await rowsOf('shop_exec', 'SELECT count(*) FROM items')).toEqual([[2]]);
    expect((await clonedeck('exec', 'DROP DATABASE shop_exec;')).code).toBe(EXIT.ok);
    expect((await json<ListDocument>('list')).databases.map((database) => database.name)).toEqual(['shop', 'shop_dev']);
  });

  it('fails with exit code 2 and one line on stderr for a bad name, 4 for an unknown database', async () => {
    const bad = await clonedeck('create', 'Bad-Name');
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^clonedeck: Invalid database name "Bad-Name"/)]);
    const unknown = await clonedeck('sql', 'nowhere', 'SELECT 1');
    expect(unknown.code).toBe(EXIT.notFound);
    expect(unknown.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^clonedeck: .*nowhere/)]);
    const unknownJson = await clonedeck('drop', 'nowhere', '--json');
    expect(unknownJson.code).toBe(EXIT.notFound);
    expect(JSON.parse(unknownJson.stdout)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('serves each database to its clients and refuses a second process while the service owns the store (exit 5), changing nothing', async () => {
    const listBefore = await json<ListDocument>('list');
    const { url } = await json<{ url: string }>('url', 'shop_dev');
    expect(url).toMatch(/^postgres:\/\/app:[\w-]{32}@127\.0\.0\.1:56201\/shop_dev\?sslmode=require$/);
    const server = spawn(process.execPath, [BIN, 'engine', 'serve', '--data-dir', dataDir], { cwd: ROOT, env: ENV });
    try {
      const served = await new Promise<string>((resolve, reject) => {
        let text = '';
        server.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()) && text.includes('Engine service on') && resolve(text));
        server.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      expect(served).toMatch(/shop_dev\s+postgres:\/\/app:\*\*\*@127\.0\.0\.1:56201\/shop_dev/);
      const client = new pg.Client({ connectionString: url.replace('sslmode=require', 'sslmode=no-verify') });
      await client.connect();
      expect((await client.query('SELECT count(*)::int AS n FROM items')).rows).toEqual([{ n: 3000 }]);
      await client.end();

      const catalog = fs.readFileSync(path.join(dataDir, 'catalog.json'), 'utf8');
      const rival = await clonedeck('drop', 'shop_dev');
      expect(rival.code).toBe(EXIT.conflict);
      expect(rival.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^clonedeck: The store .* is in use by process \d+/)]);
      expect(fs.readFileSync(path.join(dataDir, 'catalog.json'), 'utf8')).toBe(catalog);
    } finally {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    expect(await json<ListDocument>('list')).toEqual(listBefore);
  });
});
