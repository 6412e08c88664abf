import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createMetadataStore, type MetadataStore } from './store';

/**
 * Real databases for integration tests: a throwaway PostgreSQL database on the local
 * server, or a temporary PGlite directory. Never a mock.
 */

/**
 * The URL of a test server that `npm test` provides (scripts/servers/ starts one, or takes the
 * operator's from the variable). Run outside `npm test` without it, a test fails naming the
 * variable instead of probing a standard port where some other server may answer.
 */
export function testServerUrl(variable: 'CLONEDECK_TEST_PG_URL' | 'CLONEDECK_TEST_MYSQL_URL'): string {
  const url = process.env[variable];
  if (!url) {
    throw new Error(
      `${variable} is not set: run the tests with \`npm test\` (it starts the servers), or point ${variable} at a local server.`,
    );
  }
  assertLocalDatabaseUrl(url);
  return url;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Tests create and drop databases: refuse anything but a server on this machine. */
export function assertLocalDatabaseUrl(url: string): void {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(`Refusing to run database tests against non-local host "${host}" (${url}).`);
  }
}

export interface ThrowawayDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function withAdminClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServerUrl('CLONEDECK_TEST_PG_URL') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates `clonedeck_test_<random>` on the local server; `drop()` removes it. */
export async function createThrowawayPostgres(): Promise<ThrowawayDatabase> {
  const name = `clonedeck_test_${crypto.randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(testServerUrl('CLONEDECK_TEST_PG_URL'));
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

export interface TempDir {
  path: string;
  remove(): Promise<void>;
}

export async function createTempDir(prefix = 'clonedeck-test-'): Promise<TempDir> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  return { path: dir, remove: () => fs.rm(dir, { recursive: true, force: true }) };
}

export type TestStoreKind = 'pglite' | 'postgres';

export interface TestStore {
  store: MetadataStore;
  cleanup(): Promise<void>;
}

/** A fresh, empty metadata store of either kind (not migrated yet). */
export async function openTestStore(kind: TestStoreKind): Promise<TestStore> {
  if (kind === 'pglite') {
    const dir = await createTempDir();
    const store = createMetadataStore({ kind: 'pglite', dataDir: path.join(dir.path, 'meta') });
    return { store, cleanup: () => store.close().finally(() => dir.remove()) };
  }
  const database = await createThrowawayPostgres();
  const store = createMetadataStore({ kind: 'postgres', url: database.url });
  return { store, cleanup: () => store.close().finally(() => database.drop()) };
}
