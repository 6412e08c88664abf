import { expect } from 'vitest';
import { isAppError, type ErrorCode } from '@/lib/errors';
import type { CloneDatabaseRequest, Engine } from '../types';

/**
 * Helpers the contract scenarios share. SQL here is portable between Postgres (embedded,
 * YugabyteDB) and MySQL (MatrixOne); where the dialects differ it branches on `engine.kind`.
 */

/** A prefix unique to this run, so scenarios on a shared server never meet another run's objects. */
export function runPrefix(): string {
  return `ct${Math.random()
    .toString(36)
    .slice(2, 7)
    .replace(/[^a-z0-9]/g, 'x')}_`;
}

/** Rows of a query as "a|b" strings, so rows compare as plain text whatever the driver's types. */
export async function rowsOf(engine: Engine, database: string, sql: string): Promise<string[]> {
  const result = await engine.query(database, sql);
  return result.rows.map((row) => row.map((value) => (value === null ? 'null' : String(value))).join('|'));
}

/** The `t` rows every scenario checks, ordered. */
export const rowsOfT = (engine: Engine, database: string) => rowsOf(engine, database, 'SELECT id, v FROM t ORDER BY id');

export async function tableNames(engine: Engine, database: string): Promise<string[]> {
  const schema = engine.kind === 'matrixone' ? `'${database}'` : "'public'";
  const rows = await rowsOf(engine, database, `SELECT table_name FROM information_schema.tables WHERE table_schema = ${schema}`);
  return rows.map((name) => name.toLowerCase()).sort();
}

export async function columnNames(engine: Engine, database: string, table: string): Promise<string[]> {
  return (await engine.query(database, `SELECT * FROM ${table} WHERE 1 = 0`)).columns.map((column) => column.toLowerCase());
}

/** A database with table t holding (1, 'one') and (2, 'two'). */
export async function seedDatabase(engine: Engine, database: string): Promise<void> {
  await engine.createDatabase(database);
  await engine.query(database, 'CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(50))');
  await engine.query(database, "INSERT INTO t (id, v) VALUES (1, 'one'), (2, 'two')");
}

/** Clones and, on engines whose clones finish in the background, waits until the clone is ready. */
export async function cloneReady(engine: Engine, request: CloneDatabaseRequest): Promise<void> {
  await engine.cloneDatabase(request);
  if (!engine.asyncClone) return;
  const deadline = Date.now() + 300_000;
  for (;;) {
    const state = (await engine.getDatabase(request.target))?.state;
    if (state === 'ready') return;
    if (state === 'failed' || Date.now() > deadline) throw new Error(`clone ${request.target} ended ${state ?? 'missing'}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export const snapshotOf = (engine: Engine, snapshot: string, database: string) =>
  engine.createSnapshot(snapshot, { level: 'database', database });

/** Expects the call to fail with an AppError of `code` (never a raw driver error). */
export async function expectCode(call: () => Promise<unknown>, code: ErrorCode, what: string): Promise<void> {
  let failure: unknown = null;
  try {
    await call();
  } catch (error) {
    failure = error;
  }
  expect(failure, `${what} should fail with ${code}`).not.toBeNull();
  expect(isAppError(failure), `${what} should fail with an AppError, got ${String(failure)}`).toBe(true);
  expect((failure as { code: string }).code, `${what}: ${(failure as Error).message}`).toBe(code);
}

/** What a user sees of the engine: its databases and snapshots (by name) under this run's prefix. */
export async function visibleState(engine: Engine, prefix: string): Promise<{ databases: string[]; snapshots: string[] }> {
  const mine = (name: string) => name.startsWith(prefix);
  return {
    databases: (await engine.listDatabases())
      .map((database) => database.name)
      .filter(mine)
      .sort(),
    snapshots: (await engine.listSnapshots())
      .map((snapshot) => snapshot.name)
      .filter(mine)
      .sort(),
  };
}

/** Drops everything this run created; failures are ignored (a scenario may already have dropped it). */
export async function dropEverything(engine: Engine, prefix: string): Promise<void> {
  const { databases, snapshots } = await visibleState(engine, prefix);
  for (const snapshot of snapshots) await engine.dropSnapshot(snapshot).catch(() => undefined);
  for (const database of databases) await engine.dropDatabase(database).catch(() => undefined);
}
