import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import type { PGlite } from '@electric-sql/pglite';
import { progress } from './measure';
import { type PgbenchMode, type PgbenchTarget, pgbenchConnection, pgbenchTps } from './postgres-load';

const run = promisify(execFile);

/** pgbench's tables at scale 1, generated on the server (`-I dtGvp`: no COPY, the same rows everywhere). */
export async function pgbenchInitScale1(target: PgbenchTarget): Promise<void> {
  const { env, args } = pgbenchConnection(target);
  await run('pgbench', ['-i', '-s', '1', '-q', '-I', 'dtGvp', ...args], { env });
}

const ACCOUNTS = 100_000;
const TELLERS = 10;

const randomInt = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1));

/** pgbench's built-in TPC-B-like transaction at scale 1, as a program calling PGlite in its own thread runs it. */
async function tpcbTransaction(pg: PGlite): Promise<void> {
  const aid = randomInt(1, ACCOUNTS);
  const tid = randomInt(1, TELLERS);
  const bid = 1;
  const delta = randomInt(-5000, 5000);
  await pg.query('BEGIN');
  await pg.query('UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2', [delta, aid]);
  await pg.query('SELECT abalance FROM pgbench_accounts WHERE aid = $1', [aid]);
  await pg.query('UPDATE pgbench_tellers SET tbalance = tbalance + $1 WHERE tid = $2', [delta, tid]);
  await pg.query('UPDATE pgbench_branches SET bbalance = bbalance + $1 WHERE bid = $2', [delta, bid]);
  await pg.query('INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP)', [
    tid,
    bid,
    aid,
    delta,
  ]);
  await pg.query('END');
}

/** Transactions per second of one client looping on an in-process PGlite for `seconds`. */
export async function inProcessTps(pg: PGlite, seconds: number): Promise<number> {
  const started = performance.now();
  const end = started + seconds * 1000;
  let transactions = 0;
  while (performance.now() < end) {
    await tpcbTransaction(pg);
    transactions++;
  }
  return transactions / ((performance.now() - started) / 1000);
}

export interface PgbenchMatrixOptions {
  modes: PgbenchMode[];
  clients: number[];
  rounds: number;
  sliceSeconds: number;
}

export interface PgbenchMatrix {
  /** Mean TPS per `target/mode/clients` key, and `inProcess` for the PGlite loop. */
  tps: Record<string, number>;
  /**
   * This process's CPU (every thread: the door, the sessions, the database's worker) per
   * transaction, in ms, for the in-process loop and the door's cells: what the engine spends,
   * which the machine's load does not change the way it changes TPS.
   */
  cpuMsPerTransaction: Record<string, number>;
  /** The 1-minute load average before each round. */
  loadAverages: number[];
  sliceSeconds: number;
  rounds: number;
}

export const matrixKey = (target: string, mode: PgbenchMode, clients: number) => `${target}/${mode}/${clients}`;

/**
 * Every (target, mode, clients) pgbench slice and the in-process loop, `rounds` times, the order
 * rotating each round so every cell sees the machine's load over time alike.
 */
export async function pgbenchMatrix(
  targets: Record<string, PgbenchTarget>,
  inProcess: PGlite,
  options: PgbenchMatrixOptions,
): Promise<PgbenchMatrix> {
  const cells: Array<[string, () => Promise<number>]> = [['inProcess', () => inProcessTps(inProcess, options.sliceSeconds)]];
  for (const [name, target] of Object.entries(targets)) {
    for (const mode of options.modes) {
      for (const clients of options.clients) {
        cells.push([
          matrixKey(name, mode, clients),
          () => pgbenchTps(target, options.sliceSeconds, undefined, { clients, mode, vacuum: false }),
        ]);
      }
    }
  }
  progress('pgbench: one untimed slice per target and of the in-process loop (WebAssembly tiers up under load)');
  await inProcessTps(inProcess, options.sliceSeconds);
  for (const target of Object.values(targets))
    await pgbenchTps(target, options.sliceSeconds, undefined, { clients: 1, mode: 'prepared', vacuum: false });
  const samples = new Map<string, number[]>(cells.map(([key]) => [key, []]));
  const cpuMs = new Map<string, number[]>(cells.map(([key]) => [key, []]));
  const loadAverages: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    loadAverages.push(Number(os.loadavg()[0]!.toFixed(2)));
    const shift = (round * 5) % cells.length;
    for (const [key, measure] of [...cells.slice(shift), ...cells.slice(0, shift)]) {
      progress(`pgbench round ${round + 1}/${options.rounds}: ${key}`);
      const before = process.cpuUsage();
      const tps = await measure();
      const used = process.cpuUsage(before);
      samples.get(key)!.push(tps);
      cpuMs.get(key)!.push((used.user + used.system) / 1000 / (tps * options.sliceSeconds));
    }
  }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const tps = Object.fromEntries([...samples].map(([key, values]) => [key, Math.round(mean(values) * 10) / 10]));
  const cpuMsPerTransaction = Object.fromEntries(
    [...cpuMs].filter(([key]) => !key.startsWith('server/')).map(([key, values]) => [key, Math.round(mean(values) * 1000) / 1000]),
  );
  return { tps, cpuMsPerTransaction, loadAverages, sliceSeconds: options.sliceSeconds, rounds: options.rounds };
}
