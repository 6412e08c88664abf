import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDirectoryPrivate } from './private-files';

describe('a private home with a PostgreSQL engine store inside', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-private-'));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('lets others through to the store (execute only) and narrows everything else', () => {
    const home = path.join(root, 'home');
    const store = path.join(home, 'engine-postgres');
    fs.mkdirSync(path.join(store, 'databases', 'qa_1'), { recursive: true });
    fs.mkdirSync(path.join(home, 'meta'), { recursive: true });
    fs.writeFileSync(path.join(home, 'secret'), 'x', { mode: 0o644 });
    fs.writeFileSync(path.join(store, 'databases', 'qa_1', 'PG_VERSION'), '18', { mode: 0o644 });
    fs.chmodSync(home, 0o755);
    fs.chmodSync(path.join(home, 'meta'), 0o711);
    fs.chmodSync(store, 0o711);
    const mode = (file: string) => fs.statSync(file).mode & 0o777;

    const report = makeDirectoryPrivate(home, { store });
    expect(mode(home)).toBe(0o711 & 0o755);
    expect(mode(store)).toBe(0o711);
    expect(mode(path.join(home, 'meta'))).toBe(0o700);
    expect(mode(path.join(home, 'secret'))).toBe(0o600);
    // Inside the store the engine keeps its own modes: not walked.
    expect(mode(path.join(store, 'databases', 'qa_1', 'PG_VERSION'))).toBe(0o644);
    expect(report.narrowed.sort()).toEqual(['.', 'meta', 'secret']);

    expect(makeDirectoryPrivate(home, { store }).narrowed).toEqual([]);
  });
});
