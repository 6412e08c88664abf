import { setTimeout as delay } from 'node:timers/promises';
import type pg from 'pg';
import type { EmbeddedEngine } from '@/lib/engines/embedded';
import { wireClient } from '@/lib/engines/testing/wire-client';
import { round3 } from './measure';

export interface Percentiles {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function percentiles(samplesMs: number[]): Percentiles {
  const sorted = [...samplesMs].sort((left, right) => left - right);
  const at = (share: number) => round3(sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN);
  return { count: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: round3(sorted[sorted.length - 1] ?? Number.NaN) };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * `SELECT 1` on each path, `count` times, in rotating chunks of a tenth so the machine's load
 * falls on every path alike (after 50 untimed warm-up queries each).
 */
export async function selectOneLatency(paths: Record<string, () => Promise<unknown>>, count: number): Promise<Record<string, Percentiles>> {
  const names = Object.keys(paths);
  const samples = new Map<string, number[]>(names.map((name) => [name, []]));
  for (const name of names) for (let warm = 0; warm < 50; warm++) await paths[name]!();
  const chunk = Math.max(1, Math.round(count / 10));
  for (let round = 0; round < 10; round++) {
    for (const name of [...names.slice(round % names.length), ...names.slice(0, round % names.length)]) {
      for (let index = 0; index < chunk; index++) samples.get(name)!.push(await timed(paths[name]!));
    }
  }
  return Object.fromEntries(names.map((name) => [name, percentiles(samples.get(name)!)]));
}

export interface NeighbourDuringSleep extends Percentiles {
  sleepSeconds: number;
  /** The same paced queries for 3 s before, with nobody sleeping. */
  baseline: Percentiles;
  /** Neighbour answers that arrived while the sleeping statement had not returned: the ordering that shows isolation. */
  answeredWhileSleeping: number;
}

/** Another database's `SELECT 1` (one every 10 ms) while `sleeper` runs `pg_sleep(seconds)` through the door. */
export async function neighbourDuringSleep(sleeper: pg.Client, neighbour: pg.Client, seconds: number): Promise<NeighbourDuringSleep> {
  const quietSamples: number[] = [];
  for (const end = performance.now() + 3000; performance.now() < end; await delay(10)) {
    quietSamples.push(await timed(() => neighbour.query('SELECT 1')));
  }
  let sleeping = true;
  const sleep = sleeper.query(`SELECT pg_sleep(${Number(seconds)})`).finally(() => (sleeping = false));
  await delay(300);
  const samples: number[] = [];
  let answeredWhileSleeping = 0;
  while (sleeping) {
    samples.push(await timed(() => neighbour.query('SELECT 1')));
    if (sleeping) answeredWhileSleeping++;
    await delay(10);
  }
  await sleep;
  return { ...percentiles(samples), sleepSeconds: seconds, baseline: percentiles(quietSamples), answeredWhileSleeping };
}

export interface ProvisionTiming {
  /** `cloneDatabase` from the snapshot. */
  cloneMs: number[];
  /** From the clone's start to the door's ReadyForQuery (the database's worker starts during the connection's start-up). */
  connectedMs: number[];
  /** From the clone's start to the first `SELECT 1` answered through the door (a new TLS connection). */
  firstAnswerMs: number[];
}

/** Clones `source`'s snapshot `times` times; each clone's first answer through the door, timed from "provision". */
export async function provisionToFirstAnswer(
  engine: EmbeddedEngine,
  source: string,
  snapshot: string,
  times: number,
): Promise<ProvisionTiming> {
  const result: ProvisionTiming = { cloneMs: [], connectedMs: [], firstAnswerMs: [] };
  for (let index = 0; index < times; index++) {
    const target = `provisioned_${index}`;
    const started = performance.now();
    await engine.cloneDatabase({ source, target, from: { kind: 'snapshot', snapshot } });
    result.cloneMs.push(round3(performance.now() - started));
    const client = await wireClient(engine, target);
    result.connectedMs.push(round3(performance.now() - started));
    await client.query('SELECT 1');
    result.firstAnswerMs.push(round3(performance.now() - started));
    await client.end();
  }
  return result;
}
