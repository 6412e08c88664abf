import { crc32 } from 'node:zlib';
import { LayerIndex } from './layer-index';
import { type EntryKindCode, PAGE_SIZE, RECORD_HEADER_SIZE } from './record-format';

/** Consecutive pages of a file stored one record after another: one index entry for all. */
interface PageRun {
  inode: number;
  firstPage: number;
  count: number;
  firstOffset: number;
}

const RECORD_STRIDE = RECORD_HEADER_SIZE + PAGE_SIZE;

function pageRuns(index: LayerIndex): PageRun[] {
  const runs: PageRun[] = [];
  for (const [inode, pages] of index.pages) {
    let run: PageRun | null = null;
    for (const pageNumber of [...pages.keys()].sort((left, right) => left - right)) {
      const offset = pages.get(pageNumber)!;
      if (run && pageNumber === run.firstPage + run.count && offset === run.firstOffset + run.count * RECORD_STRIDE) run.count++;
      else runs.push((run = { inode, firstPage: pageNumber, count: 1, firstOffset: offset }));
    }
  }
  return runs;
}

/**
 * The index block written at the end of a layer when it is frozen, so opening a frozen
 * layer reads one block instead of scanning every record. Layout: entries, inodes, runs of
 * pages (a bulk load writes long runs, so a 1 GiB layer indexes in kilobytes), then a CRC32.
 */
export function encodeIndexBlock(index: LayerIndex): Buffer {
  const paths = [...index.entries].map(([path, entry]) => ({ path: Buffer.from(path, 'utf8'), entry }));
  const runs = pageRuns(index);
  const size =
    12 +
    paths.reduce((sum, { path }) => sum + 15 + path.length, 0) +
    index.inodes.size * 28 +
    runs.length * 24 +
    4;
  const block = Buffer.alloc(size);
  let at = 0;
  block.writeUInt32LE(paths.length, at);
  block.writeUInt32LE(index.inodes.size, at + 4);
  block.writeUInt32LE(runs.length, at + 8);
  at += 12;
  for (const { path, entry } of paths) {
    block.writeUInt8(entry.kind, at);
    block.writeDoubleLE(entry.inode, at + 1);
    block.writeUInt32LE(entry.mode, at + 9);
    block.writeUInt16LE(path.length, at + 13);
    path.copy(block, at + 15);
    at += 15 + path.length;
  }
  for (const [inode, state] of index.inodes) {
    block.writeDoubleLE(inode, at);
    block.writeDoubleLE(state.size, at + 8);
    block.writeDoubleLE(state.lowerCutoff, at + 16);
    block.writeUInt32LE(state.mode, at + 24);
    at += 28;
  }
  for (const run of runs) {
    block.writeDoubleLE(run.inode, at);
    block.writeUInt32LE(run.firstPage, at + 8);
    block.writeUInt32LE(run.count, at + 12);
    block.writeDoubleLE(run.firstOffset, at + 16);
    at += 24;
  }
  block.writeUInt32LE(crc32(block.subarray(0, at)), at);
  return block;
}

/** Rebuilds a layer's index from its block, or returns null when the block is damaged. */
export function decodeIndexBlock(layerId: number, block: Buffer): LayerIndex | null {
  if (block.length < 16) return null;
  const bodyEnd = block.length - 4;
  if (block.readUInt32LE(bodyEnd) !== crc32(block.subarray(0, bodyEnd))) return null;
  const index = new LayerIndex(layerId);
  const entryCount = block.readUInt32LE(0);
  const inodeCount = block.readUInt32LE(4);
  const runCount = block.readUInt32LE(8);
  let at = 12;
  for (let n = 0; n < entryCount; n++) {
    const pathLength = block.readUInt16LE(at + 13);
    const path = block.toString('utf8', at + 15, at + 15 + pathLength);
    index.applyEntry(path, block.readUInt8(at) as EntryKindCode, block.readDoubleLE(at + 1), block.readUInt32LE(at + 9));
    at += 15 + pathLength;
  }
  const sizes: Array<[number, number, number, number]> = [];
  for (let n = 0; n < inodeCount; n++) {
    sizes.push([block.readDoubleLE(at), block.readDoubleLE(at + 8), block.readDoubleLE(at + 16), block.readUInt32LE(at + 24)]);
    at += 28;
  }
  for (let n = 0; n < runCount; n++) {
    const inode = block.readDoubleLE(at);
    const firstPage = block.readUInt32LE(at + 8);
    const firstOffset = block.readDoubleLE(at + 16);
    for (let page = 0, count = block.readUInt32LE(at + 12); page < count; page++) {
      index.applyPage(inode, firstPage + page, firstOffset + page * RECORD_STRIDE, 0);
    }
    at += 24;
  }
  // Sizes and cutoffs last: applying pages above set provisional sizes.
  for (const [inode, size, lowerCutoff, mode] of sizes) {
    const state = index.inodes.get(inode) ?? { size, mode, lowerCutoff };
    state.size = size;
    state.mode = mode;
    state.lowerCutoff = lowerCutoff;
    index.inodes.set(inode, state);
  }
  return at === bodyEnd ? index : null;
}
