import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { accountBlocks, fileFragments } from './extents';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-extents-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('reading extents of a running server’s files', () => {
  it('skips files removed while they were read and still maps the others', async () => {
    const kept = path.join(dir, 'kept');
    fs.writeFileSync(kept, Buffer.alloc(64 * 1024, 1));
    fs.fsyncSync(fs.openSync(kept, 'r'));
    const output = await fileFragments([path.join(dir, 'gone-before-reading'), kept]);
    expect(output).toContain(kept);
    expect(output).toMatch(/\d+ extents? found/);
  });
});

describe('what groups of directories hold alone', () => {
  const reflinkDir = process.env.CLONEDECK_TEST_REFLINK_DIR;

  it.skipIf(!reflinkDir)('counts blocks two reflinked directories share as freed only when both go', async () => {
    const root = fs.mkdtempSync(path.join(reflinkDir!, 'extents-groups-'));
    try {
      const [source, copy, other] = [path.join(root, 'source'), path.join(root, 'copy'), path.join(root, 'other')] as const;
      for (const folder of [source, copy, other]) fs.mkdirSync(folder);
      fs.writeFileSync(path.join(source, 'data'), Buffer.alloc(1024 * 1024, 7));
      fs.writeFileSync(path.join(other, 'data'), Buffer.alloc(256 * 1024, 9));
      execFileSync('cp', ['--reflink=always', path.join(source, 'data'), path.join(copy, 'data')]);
      execFileSync('sync');
      const accounting = await accountBlocks([source, copy, other], [[0, 1], [0], [0, 2], []]);
      // Shared blocks belong to neither alone, but to the pair.
      expect(accounting.ownBytes.get(source)).toBe(0);
      expect(accounting.groupOwnBytes).toEqual([1024 * 1024, 0, 256 * 1024, 0]);
      expect(accounting.physicalBytes).toBe(1024 * 1024 + 256 * 1024);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
