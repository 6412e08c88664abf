import { afterEach, describe, expect, it } from 'vitest';
import { canFreezeWithoutPostgres, changedRelationFilenodes, clearVacuumedMark, markVacuumed } from './freeze-preparation';
import { ChainHarness } from './store/testing/chain-harness';
import { makeTempDir } from './store/testing/temp-dir';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function chain(): ChainHarness {
  const { dir, remove } = makeTempDir('clonedeck-freeze-preparation-');
  const harness = new ChainHarness(dir);
  cleanups.push(() => harness.close(), remove);
  return harness;
}

function writeFile(harness: ChainHarness, path: string, bytes = Buffer.alloc(8192, 1)): void {
  const parts = path.split('/').slice(1, -1);
  for (let depth = 1; depth <= parts.length; depth++) {
    const dir = `/${parts.slice(0, depth).join('/')}`;
    if (!harness.view.lookup(dir)) harness.view.makeDirectory(dir, 0o40700, false);
  }
  const inode = harness.view.lookup(path)?.inode ?? harness.view.createFile(path, 0o100600);
  harness.view.write(inode, bytes, 0, bytes.length, 0);
}

/** A pg_control whose `state` field says how the cluster last stopped (1: shut down cleanly, 6: in production). */
const control = (state: number) => {
  const bytes = Buffer.alloc(8192);
  bytes.writeUInt32LE(state, 16);
  return bytes;
};

describe('what a freeze needs Postgres for', () => {
  it('names the relations written in the top, whatever the fork or segment, and nothing below it', () => {
    const harness = chain();
    writeFile(harness, '/base/5/16384');
    harness.freezeAndPush();
    writeFile(harness, '/base/5/16390');
    writeFile(harness, '/base/5/16384_vm');
    writeFile(harness, '/base/5/16500.1');
    writeFile(harness, '/global/1262');
    writeFile(harness, '/pg_wal/000000010000000000000002');
    writeFile(harness, '/base/5/pg_internal.init');
    expect(changedRelationFilenodes(harness.view)).toEqual([1262, 16384, 16390, 16500]);
  });

  it('freezes a clean top with only non-relation files here, and sends changed tables or unreplayed WAL to Postgres', () => {
    const harness = chain();
    writeFile(harness, '/global/pg_control', control(1));
    writeFile(harness, '/base/5/16384');
    harness.freezeAndPush();
    expect(canFreezeWithoutPostgres(harness.view)).toBe(true);
    writeFile(harness, '/pg_wal/000000010000000000000002');
    writeFile(harness, '/global/pg_control', control(1));
    expect(canFreezeWithoutPostgres(harness.view)).toBe(true);
    writeFile(harness, '/global/pg_control', control(6));
    expect(canFreezeWithoutPostgres(harness.view)).toBe(false);
    writeFile(harness, '/global/pg_control', control(1));
    writeFile(harness, '/base/5/16384');
    expect(canFreezeWithoutPostgres(harness.view)).toBe(false);
  });

  it('trusts an idle stop that vacuumed the top, until the next start clears its mark', () => {
    const harness = chain();
    writeFile(harness, '/base/5/16384');
    harness.freezeAndPush();
    writeFile(harness, '/base/5/16384');
    writeFile(harness, '/global/pg_control', control(1));
    markVacuumed(harness.view);
    expect(canFreezeWithoutPostgres(harness.view)).toBe(true);
    harness.freezeAndPush(); // the mark is in the layer below now: it says nothing about the new top
    writeFile(harness, '/base/5/16384');
    expect(canFreezeWithoutPostgres(harness.view)).toBe(false);
    markVacuumed(harness.view);
    clearVacuumedMark(harness.view);
    expect(canFreezeWithoutPostgres(harness.view)).toBe(false);
  });
});
