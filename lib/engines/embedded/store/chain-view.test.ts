import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PAGE_SIZE } from './record-format';
import { ChainHarness } from './testing/chain-harness';
import { firstDifference, outcomeOf, readRealTree, readViewTree, type TreeContents } from './testing/fs-reference';
import { makeTempDir, type SeededRandom, seededRandom } from './testing/temp-dir';

/**
 * Model-based test: the same random operations go to a ChainView over real layer files and
 * to a real directory (node:fs, the reference). With the top frozen and a new one stacked,
 * and every layer reopened from disk, at random moments, both must show the same tree,
 * byte for byte, after every step, and fail the same way when an operation is invalid.
 */
const NAMES = ['a', 'b', 'c', 'd'];
const STEPS = 500;

let temp: ReturnType<typeof makeTempDir>;
let harness: ChainHarness;
let realRoot: string;
beforeEach(() => {
  temp = makeTempDir('chain-view');
  realRoot = path.join(temp.dir, 'real');
  fs.mkdirSync(realRoot);
  harness = new ChainHarness(path.join(temp.dir, 'layers'));
});
afterEach(() => {
  harness.close();
  temp.remove();
});

const real = (relative: string) => path.join(realRoot, relative);
const inodeOf = (relative: string) => harness.view.lookupOrThrow(relative).inode;

/** Bytes to write: random, or all zeros (which a hole absorbs), across page boundaries or not. */
function payload(random: SeededRandom): Buffer {
  const length = random.chance(0.3) ? PAGE_SIZE : 1 + random.int(3 * PAGE_SIZE);
  if (random.chance(0.25)) return Buffer.alloc(length);
  return Buffer.from(Array.from({ length }, () => random.int(256)));
}

function writeAt(random: SeededRandom, file: string, size: number): string {
  const data = payload(random);
  const position = random.pick([
    random.int(size + 1),
    size,
    size + random.int(2 * PAGE_SIZE),
    PAGE_SIZE * random.int(Math.ceil(size / PAGE_SIZE) + 2),
  ]);
  const descriptor = fs.openSync(real(file), 'r+');
  try {
    fs.writeSync(descriptor, data, 0, data.length, position);
  } finally {
    fs.closeSync(descriptor);
  }
  harness.view.write(inodeOf(file), data, 0, data.length, position);
  return `write ${data.length} bytes at ${position} of ${file}`;
}

function truncateTo(random: SeededRandom, file: string, size: number): string {
  const length = random.chance(0.6) && size > 0 ? random.int(size) : size + random.int(3 * PAGE_SIZE);
  fs.truncateSync(real(file), length);
  harness.view.truncate(inodeOf(file), length);
  return `truncate ${file} from ${size} to ${length}`;
}

/** Runs a namespace operation on both sides; they must succeed or fail alike. */
function both(description: string, onReal: () => void, onView: () => void): string {
  const expected = outcomeOf(onReal);
  const actual = outcomeOf(onView);
  expect(actual, `${description}: the view said ${actual}, the filesystem ${expected}`).toBe(expected);
  return `${description} (${expected})`;
}

/** One random step; returns what it did, for the failure message. */
function step(random: SeededRandom, tree: TreeContents): string {
  const files = [...tree.files.keys()];
  const dirs = [...tree.directories.keys()];
  const newPath = () => `${random.pick(dirs.filter((dir) => dir.split('/').length < 4))}/${random.pick(NAMES)}`;
  const anyPath = () => random.pick([...files, ...dirs.filter((dir) => dir !== '')]);
  const roll = random.next();
  if (roll < 0.05) return (harness.freezeAndPush(), `freeze the top and stack layer ${harness.depth}`);
  if (roll < 0.09) return (harness.reopen(), 'reopen every layer from disk');
  if (files.length > 0 && roll < 0.45) {
    const file = random.pick(files);
    const size = tree.files.get(file)!.length;
    return size > 12 * PAGE_SIZE || roll < 0.12 ? truncateTo(random, file, size) : writeAt(random, file, size);
  }
  if (roll < 0.6) {
    const file = newPath();
    return both(
      `create ${file}`,
      () => fs.writeFileSync(real(file), '', { flag: 'wx' }),
      () => harness.view.createFile(file, 0o100600),
    );
  }
  if (roll < 0.7) {
    const dir = newPath();
    return both(
      `mkdir ${dir}`,
      () => fs.mkdirSync(real(dir)),
      () => harness.view.makeDirectory(dir, 0o40700, false),
    );
  }
  if (roll < 0.85) {
    const from = anyPath();
    const to = newPath();
    // Linux answers renames into the source's own subtree or onto its ancestor with special errnos (EINVAL, ENOTEMPTY) PGlite never meets.
    if (!from || to === from || to.startsWith(`${from}/`) || from.startsWith(`${to}/`)) return 'skip a rename along one branch';
    return both(
      `rename ${from} to ${to}`,
      () => fs.renameSync(real(from), real(to)),
      () => harness.view.rename(from, to),
    );
  }
  const victim = anyPath();
  if (!victim) return 'nothing to remove';
  if (random.chance(0.5))
    return both(
      `unlink ${victim}`,
      () => fs.unlinkSync(real(victim)),
      () => harness.view.removeFile(victim),
    );
  return both(
    `rmdir ${victim}`,
    () => fs.rmdirSync(real(victim)),
    () => harness.view.removeDirectory(victim),
  );
}

describe('ChainView against the real filesystem', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`shows the same tree after every step of random operations (seed ${seed})`, () => {
      const random = seededRandom(seed);
      const history: string[] = [];
      let tree = readRealTree(realRoot);
      for (let count = 0; count < STEPS; count++) {
        history.push(step(random, tree));
        tree = readRealTree(realRoot);
        const difference = firstDifference(tree, readViewTree(harness.view));
        if (difference) throw new Error(`seed ${seed}, after step ${count}: ${difference}\nlast steps:\n${history.slice(-8).join('\n')}`);
      }
      // The run must have exercised what it claims to: several layers and files with data.
      expect(harness.depth).toBeGreaterThan(5);
      expect(tree.files.size).toBeGreaterThan(0);
    });
  }

  it('stores no page for zeros written over a hole, and reads the hole as zeros', () => {
    const inode = harness.view.createFile('/wal', 0o100600);
    const before = harness.bytesOnDisk();
    harness.view.write(inode, Buffer.alloc(16 * PAGE_SIZE), 0, 16 * PAGE_SIZE, 0);
    expect(harness.bytesOnDisk() - before).toBeLessThan(PAGE_SIZE);
    expect(harness.view.sizeOf(inode)).toBe(16 * PAGE_SIZE);
    harness.reopen();
    const bytes = Buffer.alloc(16 * PAGE_SIZE, 1);
    expect(harness.view.read(inode, bytes, 0, bytes.length, 0)).toBe(16 * PAGE_SIZE);
    expect(bytes.every((byte) => byte === 0)).toBe(true);
  });

  it('copies a page up once, then overwrites it in place', () => {
    const inode = harness.view.createFile('/rel', 0o100600);
    harness.view.write(inode, Buffer.alloc(4 * PAGE_SIZE, 7), 0, 4 * PAGE_SIZE, 0);
    harness.freezeAndPush();
    const before = harness.bytesOnDisk();
    for (let round = 0; round < 5; round++) harness.view.write(inode, Buffer.alloc(100, round), 0, 100, PAGE_SIZE + 10);
    const grown = harness.bytesOnDisk() - before;
    expect(grown).toBeGreaterThanOrEqual(PAGE_SIZE);
    expect(grown).toBeLessThan(2 * PAGE_SIZE);
  });
});
