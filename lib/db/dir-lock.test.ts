import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDirLock } from './dir-lock';
import { createTempDir, type TempDir } from './test-support';

// Far above any real pid (Linux caps pid_max at 2^22).
const DEAD_PID = 2 ** 30;

describe('acquireDirLock', () => {
  let temp: TempDir;
  let dir: string;
  beforeEach(async () => {
    temp = await createTempDir();
    dir = path.join(temp.path, 'meta');
  });
  afterEach(() => temp.remove());

  it('refuses a directory another live process holds', () => {
    fs.writeFileSync(`${dir}.lock`, String(process.ppid));
    expect(() => acquireDirLock(dir)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });

  it('takes over a lock left by a process that is gone', () => {
    fs.writeFileSync(`${dir}.lock`, String(DEAD_PID));
    const lock = acquireDirLock(dir);
    expect(fs.readFileSync(lock.path, 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(lock.path)).toBe(false);
  });

  it('refuses a second open in the same process until released', () => {
    const lock = acquireDirLock(dir);
    expect(() => acquireDirLock(dir)).toThrow(/already open/);
    lock.release();
    acquireDirLock(dir).release();
  });
});
