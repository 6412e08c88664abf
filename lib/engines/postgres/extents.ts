import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Which disk blocks each data directory holds, read from the file system itself (FIEMAP, via
 * e2fsprogs' `filefrag`). Copies made with reflinks point at the same physical blocks as
 * their source until written, so counting blocks by physical address says exactly what is
 * shared, what only one directory holds (what dropping it frees), and what the store holds
 * in all — on XFS and btrfs with reflinks, and on file systems without them alike.
 */

function filesUnder(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.push(full);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return files;
}

const EXTENT_LINE = /^\s*\d+:\s+\d+\.\.\s*\d+:\s+(\d+)\.\.\s*(\d+):\s+(\d+):/;
const BLOCK_SIZE_LINE = /\((\d+) blocks? of (\d+) bytes\)/;

/**
 * `filefrag -v` of some files. A running server removes files while they are read (temporary
 * files, recycled WAL): those are skipped, since what is gone holds no blocks; any other
 * failure is an error.
 */
export async function fileFragments(files: string[]): Promise<string> {
  try {
    return (await run('filefrag', ['-v', '-s', ...files], { maxBuffer: 256 * 1024 * 1024 })).stdout;
  } catch (error) {
    const failed = error as { stdout?: unknown; stderr?: unknown };
    const complaints = typeof failed.stderr === 'string' ? failed.stderr.split('\n').filter(Boolean) : [];
    const onlyVanished = complaints.length > 0 && complaints.every((line) => line.includes('No such file or directory'));
    if (onlyVanished && typeof failed.stdout === 'string') return failed.stdout;
    throw error;
  }
}

/** Extents of `files` as [firstBlock, lastBlock] pairs, and the file system's block size. */
async function extentsOf(files: string[]): Promise<{ blockSize: number; ranges: Array<[number, number]> }> {
  const ranges: Array<[number, number]> = [];
  let blockSize = 4096;
  for (let start = 0; start < files.length; start += 500) {
    const stdout = await fileFragments(files.slice(start, start + 500));
    for (const line of stdout.split('\n')) {
      const size = BLOCK_SIZE_LINE.exec(line);
      if (size) blockSize = Number(size[2]);
      const extent = EXTENT_LINE.exec(line);
      if (extent) ranges.push([Number(extent[1]), Number(extent[2])]);
    }
  }
  return { blockSize, ranges };
}

/** What the store's directories hold on disk. */
export interface BlockAccounting {
  /** Bytes only this directory holds: what removing it alone would give back now. */
  ownBytes: Map<string, number>;
  /** Bytes each directory's files occupy, shared or not. */
  heldBytes: Map<string, number>;
  /** Bytes all directories hold together, each shared block counted once. */
  physicalBytes: number;
  /** Apparent size of each directory's files without its WAL: what the database holds. */
  logicalBytes: Map<string, number>;
  /** For each group of directories asked about: bytes only that group holds (what removing all of it gives back). */
  groupOwnBytes: number[];
}

/**
 * Reads the physical extents of every directory's files and sweeps them once. `groups` are
 * sets of indexes into `dirs` (a database with its snapshots, say) whose joint own bytes are wanted.
 */
export async function accountBlocks(dirs: string[], groups: ReadonlyArray<readonly number[]> = []): Promise<BlockAccounting> {
  const events: Array<{ at: number; dir: number; delta: 1 | -1 }> = [];
  let blockSize = 4096;
  const logical = new Map<string, number>();
  for (const [index, dir] of dirs.entries()) {
    const files = filesUnder(dir);
    logical.set(dir, logicalSize(dir, files));
    const found = await extentsOf(files);
    blockSize = found.blockSize;
    for (const [first, last] of found.ranges) {
      events.push({ at: first, dir: index, delta: 1 }, { at: last + 1, dir: index, delta: -1 });
    }
  }
  events.sort((left, right) => left.at - right.at);
  const own = new Map<number, number>();
  const held = new Map<number, number>();
  const addBlocks = (totals: Map<number, number>, dir: number, blocks: number) => totals.set(dir, (totals.get(dir) ?? 0) + blocks);
  const covering = new Map<number, number>();
  const groupSets = groups.map((group) => new Set(group));
  const groupBlocks = new Array<number>(groups.length).fill(0);
  let physicalBlocks = 0;
  let previous = 0;
  for (const event of events) {
    const length = event.at - previous;
    if (length > 0 && covering.size > 0) {
      physicalBlocks += length;
      for (const dir of covering.keys()) {
        if (covering.size === 1) addBlocks(own, dir, length);
        addBlocks(held, dir, length);
      }
      groupSets.forEach((group, index) => {
        if ([...covering.keys()].every((dir) => group.has(dir))) groupBlocks[index] = (groupBlocks[index] ?? 0) + length;
      });
    }
    const count = (covering.get(event.dir) ?? 0) + event.delta;
    if (count === 0) covering.delete(event.dir);
    else covering.set(event.dir, count);
    previous = event.at;
  }
  return {
    ownBytes: new Map(dirs.map((dir, index) => [dir, (own.get(index) ?? 0) * blockSize])),
    heldBytes: new Map(dirs.map((dir, index) => [dir, (held.get(index) ?? 0) * blockSize])),
    physicalBytes: physicalBlocks * blockSize,
    logicalBytes: logical,
    groupOwnBytes: groupBlocks.map((blocks) => blocks * blockSize),
  };
}

/**
 * Apparent size of a data directory's files without its WAL (the server's working space;
 * its own bytes still count in what a drop frees).
 */
function logicalSize(dir: string, files: string[]): number {
  const wal = `${path.join(dir, 'pg_wal')}${path.sep}`;
  return files
    .filter((file) => !file.startsWith(wal))
    .reduce((sum, file) => sum + (fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0), 0);
}
