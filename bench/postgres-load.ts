import { execFile } from 'node:child_process';
import fs from 'node:fs';
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

/** `pgbench -c 8 -j 2 -M prepared -T 20` TPS (failed transactions must be zero). */
export async function pgbenchTps(target: PgbenchTarget, whileRunning?: () => Promise<void>): Promise<number> {
  const env = { ...process.env, PGPASSWORD: target.password ?? '', PGSSLMODE: target.ssl ? 'require' : 'disable' };
  const args = [
    '-c',
    '8',
    '-j',
    '2',
    '-M',
    'prepared',
    '-T',
    '20',
    '-h',
    target.host,
    '-p',
    String(target.port),
    '-U',
    target.user,
    target.database,
  ];
  const running = run('pgbench', args, { env });
  if (whileRunning) {
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    await whileRunning();
  }
  const { stdout } = await running;
  if (!/number of failed transactions: 0 /.test(stdout)) throw new Error(`pgbench had failures:\n${stdout}`);
  const tps = /tps = ([\d.]+)/.exec(stdout);
  if (!tps) throw new Error(`no tps in pgbench's output:\n${stdout}`);
  return Number(tps[1]);
}

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
