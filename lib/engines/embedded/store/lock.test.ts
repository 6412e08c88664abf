import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LayerStore } from './layer-store';
import { LOCK_FILE, StoreLock } from './lock';
import { exitCodeOf, killHard, spawnTypeScript, waitForLine } from './testing/child';
import { makeTempDir } from './testing/temp-dir';

const HOLDER = path.join(import.meta.dirname, 'testing', 'hold-lock.ts');

let temp: ReturnType<typeof makeTempDir>;
const children: ChildProcess[] = [];
beforeEach(() => {
  temp = makeTempDir('lock');
});
afterEach(async () => {
  for (const child of children.splice(0)) await killHard(child);
  temp.remove();
});

function startHolder(): ChildProcess {
  const child = spawnTypeScript(HOLDER, [temp.dir]);
  children.push(child);
  return child;
}

const lockOwner = () => JSON.parse(fs.readFileSync(path.join(temp.dir, LOCK_FILE), 'utf8')) as { pid: number };

function writeLock(owner: object): void {
  fs.writeFileSync(path.join(temp.dir, LOCK_FILE), JSON.stringify(owner));
}

describe('the store lock', () => {
  it('refuses a second owner while the first process lives, and takes over once it is killed', async () => {
    const holder = startHolder();
    expect(await waitForLine(holder)).toBe('locked');
    expect(lockOwner().pid).toBe(holder.pid);

    expect(() => StoreLock.acquire(temp.dir)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => LayerStore.open(temp.dir)).toThrow(new RegExp(`in use by process ${holder.pid}`));
    const rival = startHolder();
    expect(await waitForLine(rival)).toBe('CONFLICT');
    expect(await exitCodeOf(rival)).toBe(3);
    expect(lockOwner().pid).toBe(holder.pid);

    await killHard(holder);
    const lock = StoreLock.acquire(temp.dir);
    expect(lockOwner().pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(path.join(temp.dir, LOCK_FILE))).toBe(false);
  });

  it('lets a new process take the store after its owner was killed with SIGKILL', async () => {
    const first = startHolder();
    expect(await waitForLine(first)).toBe('locked');
    await killHard(first);
    const second = startHolder();
    expect(await waitForLine(second)).toBe('locked');
    expect(lockOwner().pid).toBe(second.pid);
  });

  it('takes over a lock whose pid now belongs to another process (a recycled pid)', () => {
    writeLock({ pid: process.ppid, host: os.hostname(), startTicks: '1', since: new Date().toISOString() });
    StoreLock.acquire(temp.dir).release();
  });

  it('takes over a half-written lock file (a crash while acquiring)', () => {
    fs.writeFileSync(path.join(temp.dir, LOCK_FILE), '{"pid":12');
    const lock = StoreLock.acquire(temp.dir);
    expect(lockOwner().pid).toBe(process.pid);
    lock.release();
  });

  it('refuses a lock held from another host, which it cannot check', () => {
    writeLock({ pid: 1, host: `${os.hostname()}-elsewhere`, startTicks: null, since: new Date().toISOString() });
    expect(() => StoreLock.acquire(temp.dir)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });

  it('is released when a store closes, so the next open succeeds', () => {
    LayerStore.open(temp.dir).close();
    expect(fs.existsSync(path.join(temp.dir, LOCK_FILE))).toBe(false);
    LayerStore.open(temp.dir).close();
  });
});
