import { crc32 } from 'node:zlib';
import { LayerIndex } from './layer-index';
import type { EntryKindCode } from './record-format';

/**
 * The index block written at the end of a layer when it is frozen, so opening a frozen
 * layer reads one block instead of scanning every record. Layout: entries, inodes, then per
 * file its pages as deltas (page number, offset) in variable-length integers — a 1 GiB
 * bulk load indexes in well under a megabyte — then a CRC32 of all of it.
 */
export function encodeIndexBlock(index: LayerIndex, keep: (inode: number) => boolean = () => true): Buffer {
  const out = new ByteWriter();
  const files = [...index.pages].filter(([inode, pages]) => pages.size > 0 && keep(inode));
  out.u32(index.entries.size);
  out.u32(index.inodes.size);
  out.u32(files.length);
  for (const [path, entry] of index.entries) {
    const bytes = Buffer.from(path, 'utf8');
    out.u8(entry.kind);
    out.f64(entry.inode);
    out.u32(entry.mode);
    out.u32(bytes.length);
    out.bytes(bytes);
  }
  for (const [inode, state] of index.inodes) {
    out.f64(inode);
    out.f64(state.size);
    out.f64(state.lowerCutoff);
    out.u32(state.mode);
  }
  for (const [inode, pages] of files) {
    out.f64(inode);
    out.u32(pages.size);
    let previousPage = 0;
    let previousOffset = 0;
    for (const pageNumber of [...pages.keys()].sort((left, right) => left - right)) {
      const offset = pages.get(pageNumber)!;
      out.varint(pageNumber - previousPage);
      out.varint(zigzag(offset - previousOffset));
      previousPage = pageNumber;
      previousOffset = offset;
    }
  }
  const body = out.toBuffer();
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32LE(crc32(body));
  return Buffer.concat([body, checksum]);
}

/** Rebuilds a layer's index from its block, or returns null when the block is damaged. */
export function decodeIndexBlock(layerId: number, block: Buffer): LayerIndex | null {
  if (block.length < 16) return null;
  const bodyEnd = block.length - 4;
  if (block.readUInt32LE(bodyEnd) !== crc32(block.subarray(0, bodyEnd))) return null;
  try {
    const input = new ByteReader(block.subarray(0, bodyEnd));
    const index = new LayerIndex(layerId);
    const [entryCount, inodeCount, fileCount] = [input.u32(), input.u32(), input.u32()];
    for (let n = 0; n < entryCount; n++) {
      const kind = input.u8() as EntryKindCode;
      const inode = input.f64();
      const mode = input.u32();
      index.applyEntry(input.bytes(input.u32()).toString('utf8'), kind, inode, mode);
    }
    const states = Array.from({ length: inodeCount }, () => ({
      inode: input.f64(),
      size: input.f64(),
      lowerCutoff: input.f64(),
      mode: input.u32(),
    }));
    for (let n = 0; n < fileCount; n++) {
      const inode = input.f64();
      let page = 0;
      let offset = 0;
      for (let count = input.u32(); count > 0; count--) {
        page += input.varint();
        offset += unzigzag(input.varint());
        index.applyPage(inode, page, offset, 0);
      }
    }
    // Sizes and cutoffs last: applying pages above set provisional sizes.
    for (const { inode, size, lowerCutoff, mode } of states) index.inodes.set(inode, { size, lowerCutoff, mode });
    return input.done() ? index : null;
  } catch {
    return null;
  }
}

const zigzag = (value: number) => (value >= 0 ? value * 2 : -value * 2 - 1);
const unzigzag = (value: number) => (value % 2 === 0 ? value / 2 : -(value + 1) / 2);

class ByteWriter {
  private buffer = Buffer.alloc(64 * 1024);
  private at = 0;

  u8(value: number): void {
    this.room(1);
    this.at = this.buffer.writeUInt8(value, this.at);
  }
  u32(value: number): void {
    this.room(4);
    this.at = this.buffer.writeUInt32LE(value, this.at);
  }
  f64(value: number): void {
    this.room(8);
    this.at = this.buffer.writeDoubleLE(value, this.at);
  }
  bytes(value: Buffer): void {
    this.room(value.length);
    this.at += value.copy(this.buffer, this.at);
  }
  /** Unsigned LEB128, by arithmetic: values reach 2^53, past what bit operators handle. */
  varint(value: number): void {
    this.room(8);
    let rest = value;
    while (rest >= 0x80) {
      this.buffer[this.at++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.buffer[this.at++] = rest;
  }
  toBuffer(): Buffer {
    return this.buffer.subarray(0, this.at);
  }
  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.alloc(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }
}

class ByteReader {
  private at = 0;
  constructor(private readonly buffer: Buffer) {}

  u8(): number {
    return this.buffer.readUInt8(this.advance(1));
  }
  u32(): number {
    return this.buffer.readUInt32LE(this.advance(4));
  }
  f64(): number {
    return this.buffer.readDoubleLE(this.advance(8));
  }
  bytes(length: number): Buffer {
    const start = this.advance(length);
    return this.buffer.subarray(start, start + length);
  }
  varint(): number {
    let value = 0;
    for (let scale = 1; ; scale *= 0x80) {
      const byte = this.buffer[this.advance(1)]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
    }
  }
  done(): boolean {
    return this.at === this.buffer.length;
  }
  private advance(bytes: number): number {
    const start = this.at;
    this.at += bytes;
    if (this.at > this.buffer.length) throw new RangeError('index block ends early');
    return start;
  }
}
