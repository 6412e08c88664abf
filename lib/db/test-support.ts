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

/** The server tests may use. Override with CLONEDECK_TEST_PG_URL (must stay local). */
export const TEST_POSTGRES_ADMIN_URL = process.env.CLONEDECK_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';

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
  assertLocalDatabaseUrl(TEST_POSTGRES_ADMIN_URL);
  const client = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
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
  const url = new URL(TEST_POSTGRES_ADMIN_URL);
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
