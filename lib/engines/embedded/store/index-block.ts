import { crc32 } from 'node:zlib';
import { LayerIndex } from './layer-index';
import type { EntryKindCode } from './record-format';

/**
 * The index block written at the end of a layer when it is frozen, so opening a frozen
 * layer reads one block instead of scanning every record. Layout: entries, inodes, pages,
 * then a CRC32 of all of it.
 */
export function encodeIndexBlock(index: LayerIndex): Buffer {
  const paths = [...index.entries].map(([path, entry]) => ({ path: Buffer.from(path, 'utf8'), entry }));
  const size =
    12 +
    paths.reduce((sum, { path }) => sum + 15 + path.length, 0) +
    index.inodes.size * 28 +
    index.pageCount * 20 +
    4;
  const block = Buffer.alloc(size);
  let at = 0;
  block.writeUInt32LE(paths.length, at);
  block.writeUInt32LE(index.inodes.size, at + 4);
  block.writeUInt32LE(index.pageCount, at + 8);
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
  for (const [inode, filePages] of index.pages) {
    for (const [pageNumber, offset] of filePages) {
      block.writeDoubleLE(inode, at);
      block.writeUInt32LE(pageNumber, at + 8);
      block.writeDoubleLE(offset, at + 12);
      at += 20;
    }
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
  const pageCount = block.readUInt32LE(8);
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
  for (let n = 0; n < pageCount; n++) {
    index.applyPage(block.readDoubleLE(at), block.readUInt32LE(at + 8), block.readDoubleLE(at + 12), 0);
    at += 20;
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
