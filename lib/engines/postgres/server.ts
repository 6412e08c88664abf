import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';
import { engineUnavailable } from '@/lib/errors';
import type { PgBinaries, ServerUser } from './binaries';
import { ROLES } from '../front-door/credentials';
import { trimRecycledSegments } from './wal-trim';

/** Every server listens on a Unix socket only, in a folder of its own; the file is named after this port. */
export const SOCKET_PORT = 5432;

/**
 * Lean settings: 500 environments must not mean 500 × the default memory. No TCP listener:
 * clients come through the front door, the engine through the socket, and the socket folder
 * is private to the server's user.
 */
const SERVER_SETTINGS = [
  'listen_addresses=',
  `port=${SOCKET_PORT}`,
  // PostgreSQL's own default: shared memory is touched only as pages are cached, so an idle or
  // small environment does not pay for it, and a busy one is not starved (16MB halved pgbench's
  // TPS at scale 10 against a plain server).
  'shared_buffers=128MB',
  'max_connections=60',
  'work_mem=4MB',
  'maintenance_work_mem=32MB',
  // PostgreSQL's default. A checkpoint is due after this much WAL, and after each one the first
  // change of every page writes a full-page image: at 256MB, pgbench (scale 10, 8 clients) hit
  // one every ~13 s and wrote 3.7–6.7 kB of WAL per transaction, against 0.44–0.6 kB at 1GB
  // once its pages had had their image (servers side by side, load 5.3–6.4; the TPS followed:
  // 0.66× and 0.86× a plain server). The disk it costs: an environment under a burst of
  // writes holds up to this much WAL of its own (counted in its own bytes) until the next
  // checkpoint — at most checkpoint_timeout later, or at its idle stop. Segments it recycles
  // (renamed for later use, PostgreSQL's default: see wal_init_zero below) stay while it runs
  // and are removed when it stops (wal-trim.ts).
  'max_wal_size=1GB',
  'min_wal_size=32MB',
  'max_worker_processes=4',
  'max_parallel_workers=2',
  'autovacuum_max_workers=1',
  'password_encryption=scram-sha-256',
  // wal_init_zero stays on (PostgreSQL's default): a new WAL segment is written with zeros
  // when it is made, so a commit's fdatasync overwrites blocks the segment already owns and
  // needs no journal. With sparse segments (wal_init_zero=off) every commit allocated blocks
  // and forced XFS's journal, which a fresh clone fills with the remaps of its copy-on-write
  // data writes: 2–3.5× the journal forces and 0.33–0.91× the TPS of an environment on its own
  // blocks; with zeroed segments 0.92–1.12× (scratch runs on the test XFS, README). The price: an
  // environment that has written WAL owns its current 16 MB segment. Recycling (on, PostgreSQL's
  // default) spares a busy server zero-filling a new segment every 16 MB of WAL: with it off,
  // an environment that is not a clone ran at 0.76–0.84× a plain server on XFS, 1.02× with it on
  // (bench:postgres, README). Its recycled segments (up to ~440 MB after a burst) are removed
  // when the server stops.
  'file_copy_method=clone',
  // A clone starts as after a crash (an online copy), and PostgreSQL first makes every file of
  // its data directory durable: an fsync per file (~1,300 files; 1.3–6 s of a 1 GB clone's
  // start on a busy machine) or, where the kernel has it, one syncfs of the file system (~0.1 s).
  ...(process.platform === 'linux' ? ['recovery_init_sync_method=syncfs'] : []),
  'logging_collector=off',
];

/**
 * Who may connect, rewritten at every start (the engine's policy, not a copy's): only through
 * the private socket folder, which only the engine and the front door reach — the superuser
 * for the engine, the two client roles for clients the front door has authenticated with SCRAM.
 */
const HBA = `# Written by Clonedeck at every start; edits are lost.
local all postgres trust
local all ${ROLES.readWrite},${ROLES.readOnly} trust
`;

/** One PostgreSQL server on one data directory. */
export class PgServer {
  private process: ChildProcess | null = null;
  private log: string[] = [];
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly dataDir: string,
    readonly socketDir: string,
    private readonly binaries: PgBinaries,
    private readonly user: ServerUser,
  ) {}

  get running(): boolean {
    return this.process !== null && this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Starts the server and waits until it answers (crash recovery, if any, runs first). */
  async start(): Promise<void> {
    if (this.running) return;
    fs.mkdirSync(this.socketDir, { recursive: true, mode: 0o700 });
    if (this.user.uid !== undefined) fs.chownSync(this.socketDir, this.user.uid, this.user.gid!);
    const hba = `${this.dataDir}/pg_hba.conf`;
    fs.writeFileSync(hba, HBA, { mode: 0o600 });
    if (this.user.uid !== undefined) fs.chownSync(hba, this.user.uid, this.user.gid!);
    const args = ['-D', this.dataDir, '-k', this.socketDir, ...SERVER_SETTINGS.flatMap((setting) => ['-c', setting])];
    const child = spawn(this.binaries.postgres, args, { ...this.user, stdio: ['ignore', 'ignore', 'pipe'] });
    this.process = child;
    this.log = [];
    child.stderr?.on('data', (chunk: Buffer) => {
      this.log.push(...chunk.toString().split('\n').filter(Boolean));
      if (this.log.length > 40) this.log.splice(0, this.log.length - 40);
    });
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (!this.running) throw engineUnavailable(`PostgreSQL did not start on ${this.dataDir}:\n${this.log.join('\n')}`);
      if (this.saysReady(child.pid!) && (await this.answers())) return;
      if (Date.now() > deadline) {
        await this.stop();
        throw engineUnavailable(`PostgreSQL on ${this.dataDir} did not answer within 60 s.`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /**
   * The postmaster's own status line in its lock file (what pg_ctl waits for): read every few
   * milliseconds at no cost to the server, where each connection attempt during recovery would
   * start a backend only to refuse it.
   */
  private saysReady(pid: number): boolean {
    const lock = `${this.dataDir}/postmaster.pid`;
    const lines = fs.existsSync(lock) ? fs.readFileSync(lock, 'utf8').split('\n') : [];
    return Number(lines[0]) === pid && lines[7]?.trim() === 'ready';
  }

  /** Fast shutdown: open transactions roll back, clients are disconnected, a checkpoint is written. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.process!.kill('SIGINT');
    await this.exited;
    this.process = null;
    try {
      trimRecycledSegments(this.dataDir);
    } catch (error) {
      console.warn(`[clonedeck] PostgreSQL engine: could not remove recycled WAL segments of ${this.dataDir}:`, error);
    }
  }

  /** Asks for a fast shutdown without waiting (for process exit). */
  signalStop(): void {
    if (this.running) this.process!.kill('SIGINT');
  }

  /** The server's last log lines, for error messages. */
  recentLog(): string {
    return this.log.join('\n');
  }

  /** A superuser session over the private socket; closed after `work`. */
  async asSuperuser<T>(database: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ host: this.socketDir, port: SOCKET_PORT, user: 'postgres', database });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async answers(): Promise<boolean> {
    try {
      await this.asSuperuser('postgres', (client) => client.query('SELECT 1'));
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * Servers a previous engine process left running (it was killed): a fast shutdown each, so
 * this process can start its own on the same directories. PostgreSQL's own lock file names
 * the postmaster; a stale one (process gone) is PostgreSQL's to handle.
 */
export async function stopLeftoverServers(dataDirs: string[]): Promise<void> {
  await Promise.all(
    dataDirs.map(async (dataDir) => {
      const lock = `${dataDir}/postmaster.pid`;
      const pid = fs.existsSync(lock) ? Number(fs.readFileSync(lock, 'utf8').split('\n')[0]) : 0;
      const command = pid && alive(pid) ? fs.readFileSync(`/proc/${pid}/cmdline`, { encoding: 'utf8', flag: 'r' }).toString() : '';
      if (!command.includes(dataDir)) return;
      process.kill(pid, 'SIGINT');
      for (let waited = 0; alive(pid) && waited < 60_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    }),
  );
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
