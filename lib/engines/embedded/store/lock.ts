import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { conflict } from '@/lib/errors';

interface LockOwner {
  pid: number;
  host: string;
  /** The owner's start time as the kernel counts it, so a recycled pid is not mistaken for the owner. */
  startTicks: string | null;
  since: string;
}

export const LOCK_FILE = 'store.lock';

/**
 * One process owns a store at a time. The lock file names its owner; a lock whose owner
 * died (crash, SIGKILL) is taken over, a live one refuses with CONFLICT.
 */
export class StoreLock {
  private constructor(private readonly file: string) {}

  static acquire(storeDir: string): StoreLock {
    const file = path.join(storeDir, LOCK_FILE);
    const me: LockOwner = {
      pid: process.pid,
      host: os.hostname(),
      startTicks: processStartTicks(process.pid),
      since: new Date().toISOString(),
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
        return new StoreLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = readOwner(file);
      if (owner && ownerAlive(owner)) {
        throw conflict(
          `The store ${storeDir} is in use by process ${owner.pid} on ${owner.host} (since ${owner.since}). ` +
            'Stop it first, or use another --data-dir.',
        );
      }
      // A dead owner's lock: move it aside atomically, so two processes cannot both take over.
      try {
        fs.renameSync(file, `${file}.stale.${process.pid}`);
        fs.rmSync(`${file}.stale.${process.pid}`, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    throw conflict(`Could not lock the store ${storeDir}: another process keeps taking it.`);
  }

  release(): void {
    const owner = readOwner(this.file);
    if (owner?.pid === process.pid) fs.rmSync(this.file, { force: true });
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    // Unreadable or half-written: a crash during acquire. Treat as dead.
    return null;
  }
}

function ownerAlive(owner: LockOwner): boolean {
  if (owner.host !== os.hostname()) return true;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const ticks = processStartTicks(owner.pid);
  return owner.startTicks === null || ticks === null || ticks === owner.startTicks;
}

/** Field 22 of /proc/PID/stat (start time in clock ticks); null where /proc is not there. */
function processStartTicks(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}
