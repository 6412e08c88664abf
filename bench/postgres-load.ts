import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PgbenchTarget {
  host: string;
  port: number;
  user: string;
  database: string;
  password?: string;
  ssl: boolean;
}

/** pgbench's environment and connection arguments for a target. */
export function pgbenchConnection(target: PgbenchTarget): { env: NodeJS.ProcessEnv; args: string[] } {
  const env = { ...process.env, PGPASSWORD: target.password ?? '', PGSSLMODE: target.ssl ? 'require' : 'disable' };
  return { env, args: ['-h', target.host, '-p', String(target.port), '-U', target.user, target.database] };
}

export type PgbenchMode = 'simple' | 'extended' | 'prepared';

/**
 * How many clients, which protocol, whether pgbench vacuums first (`-n` when not), and
 * `selectOnly` for its built-in read-only script (`-S`) instead of TPC-B.
 */
export interface PgbenchRun {
  clients: number;
  mode: PgbenchMode;
  vacuum: boolean;
  selectOnly?: boolean;
}

/** One pgbench run of `seconds` (`-c 8 -j 2 -M prepared` unless told): its TPS (failed transactions must be zero). */
export async function pgbenchTps(
  target: PgbenchTarget,
  seconds: number,
  whileRunning?: () => Promise<void>,
  options: PgbenchRun = { clients: 8, mode: 'prepared', vacuum: true },
): Promise<number> {
  const { env, args } = pgbenchConnection(target);
  const shape = ['-c', String(options.clients), '-j', String(Math.min(options.clients, 2)), '-M', options.mode];
  const script = [...(options.vacuum ? [] : ['-n']), ...(options.selectOnly ? ['-S'] : [])];
  const running = run('pgbench', [...script, ...shape, '-T', String(seconds), ...args], { env });
  if (whileRunning) {
    await new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / 2));
    await whileRunning();
  }
  const { stdout } = await running;
  if (!/number of failed transactions: 0 /.test(stdout)) throw new Error(`pgbench had failures:\n${stdout}`);
  const tps = /tps = ([\d.]+)/.exec(stdout);
  if (!tps) throw new Error(`no tps in pgbench's output:\n${stdout}`);
  return Number(tps[1]);
}

export interface SideBySide {
  /** Mean TPS of each target over its slices. */
  tps: Record<string, number>;
  /** Each slice's TPS, per target, in the order run. */
  samples: Record<string, number[]>;
  /** Each target's TPS divided by the reference target's. */
  vsReference: Record<string, number>;
  /** The named like-for-like comparisons: the first target's mean TPS divided by the second's. */
  ratios: Record<string, { of: string; to: string; ratio: number }>;
  /** The 1-minute load average before each round of slices: the machine is shared. */
  loadAverages: number[];
  sliceSeconds: number;
  rounds: number;
}

/**
 * pgbench on several servers side by side: first the same untimed warm-up on every target (a
 * read-only slice of pgbench's own lookups, so no server starts on a cold cache and nothing is
 * written before the timed slices), then `rounds` rounds of one `sliceSeconds` run per target,
 * the order rotating each round, so every target sees the same machine load over time (the
 * machine's other work moves absolute numbers by 2× within minutes).
 */
export async function pgbenchSideBySide(
  targets: Record<string, PgbenchTarget>,
  reference: string,
  options: {
    rounds: number;
    sliceSeconds: number;
    ratios?: Record<string, [of: string, to: string]>;
    whileRunning?: { target: string; work: () => Promise<void> };
  },
): Promise<SideBySide> {
  const names = Object.keys(targets);
  for (const name of names) {
    await pgbenchTps(targets[name]!, options.sliceSeconds, undefined, { clients: 8, mode: 'prepared', vacuum: false, selectOnly: true });
  }
  const samples = new Map<string, number[]>(names.map((name) => [name, []]));
  const loadAverages: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    loadAverages.push(Number(os.loadavg()[0]!.toFixed(2)));
    for (const name of [...names.slice(round % names.length), ...names.slice(0, round % names.length)]) {
      const hook = round === 0 && options.whileRunning?.target === name ? options.whileRunning.work : undefined;
      samples.get(name)!.push(await pgbenchTps(targets[name]!, options.sliceSeconds, hook));
    }
  }
  const tps = Object.fromEntries(names.map((name) => [name, round1(mean(samples.get(name)!))]));
  const ratio = (of: string, to: string) => Number((tps[of]! / tps[to]!).toFixed(3));
  const vsReference = Object.fromEntries(names.map((name) => [name, ratio(name, reference)]));
  const ratios = Object.fromEntries(
    Object.entries(options.ratios ?? {})
      .filter(([, [of, to]]) => of in tps && to in tps)
      .map(([label, [of, to]]) => [label, { of, to, ratio: ratio(of, to) }]),
  );
  return {
    tps,
    samples: Object.fromEntries(samples),
    vsReference,
    ratios,
    loadAverages,
    sliceSeconds: options.sliceSeconds,
    rounds: options.rounds,
  };
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * Memory of one environment's server: the proportional set size (PSS) of its postmaster and
 * every backend, so shared buffers count once, not once per process.
 */
export async function serverMemory(socketDir: string): Promise<number> {
  const lock = fs.readFileSync(`${socketDir}/.s.PGSQL.5432.lock`, 'utf8');
  const postmaster = Number(lock.split('\n')[0]);
  const { stdout } = await run('ps', ['-o', 'pid=', '--ppid', String(postmaster)]);
  const pids = [
    postmaster,
    ...stdout
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter(Boolean),
  ];
  let total = 0;
  for (const pid of pids) {
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    total += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
  }
  return total;
}
