import { crc32 } from 'node:zlib';

/**
 * On-disk format of a layer file: a 64-byte file header, then records appended in order.
 * Every record starts with a 40-byte header whose CRC covers the header (and, for entries,
 * the path), so a record torn by a crash is recognised and cut off when the file is scanned.
 * Page payloads are not covered: they are overwritten in place while the layer is on top,
 * and Postgres' own WAL (full-page writes) repairs a page torn mid-write.
 */
export const PAGE_SIZE = 8192;
export const FILE_HEADER_SIZE = 64;
export const RECORD_HEADER_SIZE = 40;
export const FILE_MAGIC = 'CDLAYER1';

export const RecordType = {
  /** One 8 KiB page of a file (payload follows). */
  page: 1,
  /** A file's size / truncation point / mode changed. */
  inode: 2,
  /** A path now names a file, a directory, or nothing (whiteout). */
  entry: 3,
  /** Start of the index block written when the layer is frozen; scanning stops here. */
  index: 4,
} as const;

export const EntryKind = { gone: 0, file: 1, dir: 2 } as const;
export type EntryKindCode = (typeof EntryKind)[keyof typeof EntryKind];

export interface RecordHeader {
  type: number;
  kind: number;
  pathLength: number;
  inode: number;
  a: number;
  b: number;
  c: number;
}

export function encodeRecordHeader(target: Buffer, at: number, header: RecordHeader, path?: Buffer): void {
  target.writeUInt8(header.type, at);
  target.writeUInt8(header.kind, at + 1);
  target.writeUInt16LE(header.pathLength, at + 2);
  target.writeDoubleLE(header.inode, at + 8);
  target.writeDoubleLE(header.a, at + 16);
  target.writeDoubleLE(header.b, at + 24);
  target.writeDoubleLE(header.c, at + 32);
  target.writeUInt32LE(headerChecksum(target, at, path), at + 4);
}

/** Decodes a record header, or returns null when it is torn or not a record. */
export function decodeRecordHeader(source: Buffer, at: number, path?: Buffer): RecordHeader | null {
  const type = source.readUInt8(at);
  if (type < RecordType.page || type > RecordType.index) return null;
  if (source.readUInt32LE(at + 4) !== headerChecksum(source, at, path)) return null;
  return {
    type,
    kind: source.readUInt8(at + 1),
    pathLength: source.readUInt16LE(at + 2),
    inode: source.readDoubleLE(at + 8),
    a: source.readDoubleLE(at + 16),
    b: source.readDoubleLE(at + 24),
    c: source.readDoubleLE(at + 32),
  };
}

function headerChecksum(buffer: Buffer, at: number, path?: Buffer): number {
  const head = crc32(buffer.subarray(at, at + 4));
  const fixed = crc32(buffer.subarray(at + 8, at + RECORD_HEADER_SIZE), head);
  return path ? crc32(path, fixed) : fixed;
}

export function encodeFileHeader(layerId: number, createdAtMs: number): Buffer {
  const header = Buffer.alloc(FILE_HEADER_SIZE);
  header.write(FILE_MAGIC, 0, 'ascii');
  header.writeUInt32LE(1, 8);
  header.writeDoubleLE(layerId, 16);
  header.writeDoubleLE(createdAtMs, 24);
  header.writeUInt32LE(crc32(header.subarray(0, 60)), 60);
  return header;
}

export function decodeFileHeader(header: Buffer): { layerId: number; createdAtMs: number } | null {
  if (header.length < FILE_HEADER_SIZE || header.toString('ascii', 0, 8) !== FILE_MAGIC) return null;
  if (header.readUInt32LE(60) !== crc32(header.subarray(0, 60))) return null;
  return { layerId: header.readDoubleLE(16), createdAtMs: header.readDoubleLE(24) };
}

/**
 * Inode numbers are unique in the whole store without a central counter: the layer that
 * created the file, times 2^21, plus a counter local to that layer.
 */
export const INODES_PER_LAYER = 2 ** 21;
export const inodeHome = (inode: number) => Math.floor(inode / INODES_PER_LAYER);
export const inodeLocal = (inode: number) => inode % INODES_PER_LAYER;
