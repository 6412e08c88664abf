import { describe, expect, it } from 'vitest';
import {
  decodeFileHeader,
  decodeRecordHeader,
  encodeFileHeader,
  encodeRecordHeader,
  EntryKind,
  FILE_HEADER_SIZE,
  inodeHome,
  inodeLocal,
  INODES_PER_LAYER,
  RECORD_HEADER_SIZE,
  RecordType,
  type RecordHeader,
} from './record-format';

const entryHeader = (path: Buffer): RecordHeader => ({
  type: RecordType.entry,
  kind: EntryKind.file,
  pathLength: path.length,
  inode: 7 * INODES_PER_LAYER + 3,
  a: 0,
  b: 0o100600,
  c: 0,
});

describe('record headers', () => {
  it('round-trips every field, at any offset in a buffer', () => {
    const header: RecordHeader = { type: RecordType.page, kind: 0, pathLength: 0, inode: 2 ** 40 + 5, a: 131071, b: 1.5 * 2 ** 30, c: 0 };
    const buffer = Buffer.alloc(RECORD_HEADER_SIZE + 13);
    encodeRecordHeader(buffer, 13, header);
    expect(decodeRecordHeader(buffer, 13)).toEqual(header);
  });

  it('covers the path of an entry record with the checksum', () => {
    const path = Buffer.from('/base/5/1259', 'utf8');
    const buffer = Buffer.alloc(RECORD_HEADER_SIZE);
    encodeRecordHeader(buffer, 0, entryHeader(path), path);
    expect(decodeRecordHeader(buffer, 0, path)).toEqual(entryHeader(path));
    expect(decodeRecordHeader(buffer, 0, Buffer.from('/base/5/1258', 'utf8'))).toBeNull();
  });

  it('recognises a torn or overwritten header as no record', () => {
    const header: RecordHeader = { type: RecordType.inode, kind: 0, pathLength: 0, inode: 9, a: 8192, b: 1, c: 0o100600 };
    const pristine = Buffer.alloc(RECORD_HEADER_SIZE);
    encodeRecordHeader(pristine, 0, header);
    for (let byte = 0; byte < RECORD_HEADER_SIZE; byte++) {
      const damaged = Buffer.from(pristine);
      damaged[byte]! ^= 0x40;
      expect(decodeRecordHeader(damaged, 0), `byte ${byte} flipped`).toBeNull();
    }
    // A header only partly written before a crash: the rest of the file is still zeros.
    const torn = Buffer.alloc(RECORD_HEADER_SIZE);
    pristine.copy(torn, 0, 0, 20);
    expect(decodeRecordHeader(torn, 0)).toBeNull();
    expect(decodeRecordHeader(Buffer.alloc(RECORD_HEADER_SIZE), 0)).toBeNull();
  });
});

describe('file headers', () => {
  it('round-trips the layer id and creation time', () => {
    const header = encodeFileHeader(42, 1_700_000_000_123);
    expect(header.length).toBe(FILE_HEADER_SIZE);
    expect(decodeFileHeader(header)).toEqual({ layerId: 42, createdAtMs: 1_700_000_000_123 });
  });

  it('rejects a damaged, foreign or short header', () => {
    const damaged = encodeFileHeader(42, 0);
    damaged[17]! ^= 1;
    expect(decodeFileHeader(damaged)).toBeNull();
    expect(decodeFileHeader(Buffer.alloc(FILE_HEADER_SIZE))).toBeNull();
    expect(decodeFileHeader(encodeFileHeader(1, 0).subarray(0, 32))).toBeNull();
  });
});

describe('inode numbers', () => {
  it('name the layer that created them and a counter local to it', () => {
    const inode = 1234 * INODES_PER_LAYER + 99;
    expect(inodeHome(inode)).toBe(1234);
    expect(inodeLocal(inode)).toBe(99);
    expect(Number.isSafeInteger(2 ** 31 * INODES_PER_LAYER)).toBe(true);
  });
});
