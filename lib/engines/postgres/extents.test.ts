import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileFragments } from './extents';

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
