import fs from 'node:fs';
import path from 'node:path';
import { conflict } from '@/lib/errors';

/**
 * An exclusive, process-wide lock on a directory, held by a `<dir>.lock` file with the
 * owner's pid. PGlite does nothing to stop two processes opening one data directory, and
 * two writers would corrupt it, so the embedded metadata store takes this lock first.
 * A lock left behind by a dead process is taken over.
 */
export interface DirLock {
  readonly path: string;
  release(): void;
}

/**
 * Locks held by this process, so a second open in the same process is refused too. Kept on
 * globalThis because Next.js bundles instrumentation and routes separately (two module copies).
 */
const lockGlobals = globalThis as typeof globalThis & { __clonedeckDirLocks?: Set<string> };
const heldHere = (lockGlobals.__clonedeckDirLocks ??= new Set<string>());

export function acquireDirLock(dir: string): DirLock {
  const lockPath = `${path.resolve(dir)}.lock`;
  if (heldHere.has(lockPath)) throw conflict(`${dir} is already open in this process.`);
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return lockHandle(lockPath);
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
    }
    // Our own pid in the file means a previous run reused it (typical for pid 1 in containers).
    const owner = readOwner(lockPath);
    if (owner !== null && owner !== process.pid && isAlive(owner)) {
      throw conflict(
        `${dir} is in use by another Clonedeck process (pid ${owner}). Stop it, or set DATABASE_URL to share a PostgreSQL database between processes.`,
      );
    }
    fs.rmSync(lockPath, { force: true });
  }
  throw conflict(`Could not lock ${dir}: another process keeps taking the lock.`);
}

function lockHandle(lockPath: string): DirLock {
  heldHere.add(lockPath);
  const release = () => {
    heldHere.delete(lockPath);
    if (readOwner(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
  };
  process.once('exit', release);
  return {
    path: lockPath,
    release: () => {
      process.removeListener('exit', release);
      release();
    },
  };
}

function readOwner(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(lockPath, 'utf8').trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return isErrno(error, 'EPERM');
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
