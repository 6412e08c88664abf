import type pg from 'pg';
import { openEmbeddedEngine, type EmbeddedEngineOptions } from '@/lib/engines/embedded';
import { wireClient } from '@/lib/engines/testing/wire-client';
import { progress } from './measure';

/** Resident memory after a few garbage collections (run with --expose-gc for them to happen). */
export async function settledRss(): Promise<number> {
  for (let pass = 0; pass < 3; pass++) {
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return process.memoryUsage().rss;
}

export interface WireMemory {
  databases: number;
  /** The process before any engine opened. */
  bareRss: number;
  /** After the engine that made the databases closed (its workers ran: the compiled WebAssembly stays). */
  madeRss: number;
  /** The engine opened on a store of `databases` databases, none running (its door listening). */
  idleRss: number;
  /** Every database running, each with one client connected through the door. */
  runningRss: number;
  /** After 20 000 rows written and read in each. */
  workedRss: number;
  /** After each client read all 20 000 rows back `readRounds` times (a worker must keep nothing of what it answered). */
  readRss: number;
  readRounds: number;
  /** Clients gone and the engine closed. */
  closedRss: number;
  perIdleBytes: number;
  perRunningBytes: number;
  perWorkedBytes: number;
  perReadBytes: number;
}

const LOAD = "INSERT INTO t SELECT g, repeat('x', 100) FROM generate_series(1, 20000) g";
const READ_ROUNDS = 20;

/**
 * Memory per idle and per running database, as bench/worker-memory.ts measures it but with
 * each database reached through the front door: the store is made by one engine, closed, then
 * reopened so every database starts idle (no worker).
 */
export async function wireMemory(options: EmbeddedEngineOptions, count: number): Promise<WireMemory> {
  const bareRss = await settledRss();
  const maker = await openEmbeddedEngine({ ...options, maxRunning: count + 1 });
  await maker.createDatabase('memory_0', { initialSql: 'CREATE TABLE t (id int PRIMARY KEY, v text)' });
  const names = ['memory_0'];
  for (let index = 1; index < count; index++) {
    names.push(`memory_${index}`);
    await maker.cloneDatabase({ source: 'memory_0', target: names[index]!, from: { kind: 'now' } });
  }
  await maker.close();
  const madeRss = await settledRss();
  const engine = await openEmbeddedEngine({ ...options, maxRunning: count + 1 });
  const clients: pg.Client[] = [];
  try {
    const idleRss = await settledRss();
    for (const name of names) {
      clients.push(await wireClient(engine, name));
      await clients[clients.length - 1]!.query('SELECT 1');
    }
    const runningRss = await settledRss();
    progress(`memory: ${count} databases running, writing 20 000 rows in each`);
    for (const client of clients) await client.query(LOAD);
    for (const client of clients) await client.query('SELECT count(*), max(v) FROM t');
    const workedRss = await settledRss();
    progress(`memory: reading the 20 000 rows back ${READ_ROUNDS} times in each`);
    for (let round = 0; round < READ_ROUNDS; round++) {
      for (const client of clients) {
        const { rowCount } = await client.query('SELECT * FROM t');
        if (rowCount !== 20_000) throw new Error(`read ${rowCount} rows of 20 000`);
      }
    }
    const readRss = await settledRss();
    for (const client of clients.splice(0)) await client.end();
    await engine.close();
    const closedRss = await settledRss();
    return {
      databases: count,
      ...{ bareRss, madeRss, idleRss, runningRss, workedRss, readRss, readRounds: READ_ROUNDS, closedRss },
      perIdleBytes: Math.round((idleRss - madeRss) / count),
      perRunningBytes: Math.round((runningRss - idleRss) / count),
      perWorkedBytes: Math.round((workedRss - idleRss) / count),
      perReadBytes: Math.round((readRss - idleRss) / count),
    };
  } finally {
    for (const client of clients) await client.end().catch(() => undefined);
    await engine.close().catch(() => undefined);
  }
}
