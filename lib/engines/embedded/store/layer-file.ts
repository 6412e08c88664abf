import fs from 'node:fs';
import { decodeIndexBlock, encodeIndexBlock } from './index-block';
import { LayerIndex } from './layer-index';
import {
  decodeFileHeader,
  decodeRecordHeader,
  encodeFileHeader,
  encodeRecordHeader,
  type EntryKindCode,
  FILE_HEADER_SIZE,
  PAGE_SIZE,
  RECORD_HEADER_SIZE,
  RecordType,
} from './record-format';

/** Where a frozen layer's records end and its index block starts (kept in the catalog). */
export interface FrozenExtent {
  dataEnd: number;
  indexEnd: number;
}

export class LayerCorruptError extends Error {
  constructor(
    readonly layerId: number,
    detail: string,
  ) {
    super(`layer ${layerId} is damaged: ${detail}`);
    this.name = 'LayerCorruptError';
  }
}

/**
 * One layer on disk: a header, then records appended while the layer is the writable top
 * of a database (pages are overwritten in place once they exist), then, once frozen, an
 * index block. All I/O is synchronous: PGlite's filesystem calls are.
 */
export class LayerFile {
  private constructor(
    readonly id: number,
    readonly path: string,
    private fd: number,
    readonly index: LayerIndex,
    private end: number,
    private writable: boolean,
  ) {}

  static create(path: string, id: number): LayerFile {
    const fd = fs.openSync(path, 'wx+', 0o600);
    fs.writeSync(fd, encodeFileHeader(id, Date.now()), 0, FILE_HEADER_SIZE, 0);
    return new LayerFile(id, path, fd, new LayerIndex(id), FILE_HEADER_SIZE, true);
  }

  /** Opens a layer: a frozen one from its index block, the writable top by scanning its records. */
  static open(path: string, id: number, frozen: FrozenExtent | null): LayerFile {
    return openChecked(path, id, 'r+', (fd) => {
      if (frozen) {
        // Bytes past the recorded extent are a merge the catalog never recorded.
        if (fs.fstatSync(fd).size > frozen.indexEnd) fs.ftruncateSync(fd, frozen.indexEnd);
        return new LayerFile(id, path, fd, readFrozenIndex(fd, id, frozen), frozen.indexEnd, false);
      }
      const { index, end } = scanRecords(fd, id, fs.fstatSync(fd).size, true);
      fs.ftruncateSync(fd, end);
      return new LayerFile(id, path, fd, index, end, true);
    });
  }

  /**
   * Opens a layer that another thread may be writing (a running database's top, or a frozen
   * layer the store is merging into): read-only, and it never cuts the file. A top is read up
   * to its last complete record; `catchUp` reads what was appended since.
   */
  static openReader(path: string, id: number, frozen: FrozenExtent | null): LayerFile {
    return openChecked(path, id, 'r', (fd) => {
      if (frozen) return new LayerFile(id, path, fd, readFrozenIndex(fd, id, frozen), frozen.indexEnd, false);
      const reader = new LayerFile(id, path, fd, new LayerIndex(id), FILE_HEADER_SIZE, false);
      reader.catchUp();
      return reader;
    });
  }

  /** A reader of a top: takes in the records appended since it last looked. */
  catchUp(): void {
    if (this.writable) return;
    this.end = scanRecords(this.fd, this.id, fs.fstatSync(this.fd).size, true, this.index, this.end).end;
  }

  get isWritable(): boolean {
    return this.writable;
  }

  /** Bytes of the layer file on disk. */
  get bytes(): number {
    return fs.fstatSync(this.fd).size;
  }

  /** Appends a page record with its payload; returns the payload's offset. */
  appendPage(inode: number, pageNumber: number, sizeAfter: number, page: Buffer): number {
    this.assertWritable();
    const record = Buffer.allocUnsafe(RECORD_HEADER_SIZE + PAGE_SIZE);
    encodeRecordHeader(record, 0, { type: RecordType.page, kind: 0, pathLength: 0, inode, a: pageNumber, b: sizeAfter, c: 0 });
    page.copy(record, RECORD_HEADER_SIZE, 0, PAGE_SIZE);
    const payloadOffset = this.appendBytes(record) + RECORD_HEADER_SIZE;
    this.index.applyPage(inode, pageNumber, payloadOffset, sizeAfter);
    return payloadOffset;
  }

  /** Overwrites part of a page this layer already holds. */
  overwrite(payloadOffset: number, source: Buffer, sourceOffset: number, length: number): void {
    this.assertWritable();
    fs.writeSync(this.fd, source, sourceOffset, length, payloadOffset);
  }

  /** Records a size change, a truncation (`cutoff` ≥ 0: pages from `cutoff` on are gone) or a mode change. */
  appendInode(inode: number, size: number, cutoff: number, mode: number): void {
    this.assertWritable();
    const record = Buffer.alloc(RECORD_HEADER_SIZE);
    encodeRecordHeader(record, 0, { type: RecordType.inode, kind: 0, pathLength: 0, inode, a: size, b: cutoff, c: mode });
    this.appendBytes(record);
    this.index.applyInode(inode, size, cutoff, mode);
  }

  appendEntry(path: string, kind: EntryKindCode, inode: number, mode: number): void {
    this.assertWritable();
    const pathBytes = Buffer.from(path, 'utf8');
    const record = Buffer.alloc(RECORD_HEADER_SIZE + pathBytes.length);
    pathBytes.copy(record, RECORD_HEADER_SIZE);
    encodeRecordHeader(record, 0, { type: RecordType.entry, kind, pathLength: pathBytes.length, inode, a: 0, b: mode, c: 0 }, pathBytes);
    this.appendBytes(record);
    this.index.applyEntry(path, kind, inode, mode);
  }

  readPayload(payloadOffset: number, target: Uint8Array, targetOffset: number, length: number): void {
    const read = fs.readSync(this.fd, target, targetOffset, length, payloadOffset);
    if (read !== length) throw new LayerCorruptError(this.id, `short read at ${payloadOffset}`);
  }

  /** Allocates a new inode number homed in this layer. */
  allocateInode(): number {
    this.assertWritable();
    return this.id * 2 ** 21 + this.index.nextLocalInode++;
  }

  /**
   * Ends the layer's writable life: writes its index block after the records. The caller
   * records the returned extent in the catalog; until it does, the layer is still a top.
   * `keep` leaves deleted files' pages out of the block (they stay in memory for this
   * process, where an open descriptor could still read them).
   */
  freeze(keep?: (inode: number) => boolean): FrozenExtent {
    this.assertWritable();
    const block = encodeIndexBlock(this.index, keep);
    const header = Buffer.alloc(RECORD_HEADER_SIZE);
    encodeRecordHeader(header, 0, { type: RecordType.index, kind: 0, pathLength: 0, inode: block.length, a: 0, b: 0, c: 0 });
    const dataEnd = this.end;
    fs.writeSync(this.fd, Buffer.concat([header, block]), 0, header.length + block.length, dataEnd);
    this.end = dataEnd + header.length + block.length;
    this.writable = false;
    return { dataEnd, indexEnd: dataEnd + header.length + block.length };
  }

  /** Back to writable after a freeze whose catalog update failed. */
  unfreeze(extent: FrozenExtent): void {
    fs.ftruncateSync(this.fd, extent.dataEnd);
    this.end = extent.dataEnd;
    this.writable = true;
  }

  /**
   * Lets a frozen layer take more records after its index block (compaction merges its only
   * child into it); `freeze` then writes a new index block. Readers see the same data
   * throughout, because every chain holding this layer also holds the child above it.
   */
  reopenForMerge(): void {
    this.end = this.bytes;
    this.writable = true;
  }

  close(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
  }

  private appendBytes(bytes: Buffer): number {
    const at = this.end;
    const written = fs.writeSync(this.fd, bytes, 0, bytes.length, at);
    if (written !== bytes.length) throw new LayerCorruptError(this.id, 'short write');
    this.end += bytes.length;
    return at;
  }

  private assertWritable(): void {
    if (!this.writable) throw new LayerCorruptError(this.id, 'write to a frozen layer');
  }
}

/** Opens the file, checks its header names layer `id`, and builds on it; closes it on failure. */
function openChecked(path: string, id: number, flags: 'r' | 'r+', build: (fd: number) => LayerFile): LayerFile {
  const fd = fs.openSync(path, flags);
  try {
    const header = Buffer.alloc(FILE_HEADER_SIZE);
    fs.readSync(fd, header, 0, FILE_HEADER_SIZE, 0);
    if (decodeFileHeader(header)?.layerId !== id) throw new LayerCorruptError(id, 'bad file header');
    return build(fd);
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
}

function readFrozenIndex(fd: number, id: number, extent: FrozenExtent): LayerIndex {
  const blockStart = extent.dataEnd + RECORD_HEADER_SIZE;
  const block = Buffer.alloc(Math.max(0, extent.indexEnd - blockStart));
  fs.readSync(fd, block, 0, block.length, blockStart);
  const index = decodeIndexBlock(id, block);
  if (index) return index;
  // The index block is a cache of the records: rebuild from them if it is damaged.
  return scanRecords(fd, id, extent.dataEnd, false).index;
}

/**
 * Replays a layer's records. A torn record at the end of a writable top is where a crash
 * interrupted an append: the scan stops there and the caller cuts the file. In a frozen
 * layer any damage is corruption.
 */
function scanRecords(
  fd: number,
  id: number,
  fileSize: number,
  tolerateTornTail: boolean,
  index = new LayerIndex(id),
  from = FILE_HEADER_SIZE,
) {
  const header = Buffer.alloc(RECORD_HEADER_SIZE);
  let at = from;
  while (at + RECORD_HEADER_SIZE <= fileSize) {
    fs.readSync(fd, header, 0, RECORD_HEADER_SIZE, at);
    const pathLength = header.readUInt16LE(2);
    const path = pathLength ? Buffer.alloc(pathLength) : undefined;
    if (path) fs.readSync(fd, path, 0, pathLength, at + RECORD_HEADER_SIZE);
    const record = decodeRecordHeader(header, 0, path);
    if (!record) break;
    if (record.type === RecordType.index) {
      // In a top, an index block is a freeze the catalog never recorded: cut it off. In a
      // frozen layer it is the block of an earlier freeze, followed by merged records.
      if (tolerateTornTail) break;
      at += RECORD_HEADER_SIZE + record.inode;
      continue;
    }
    const length = RECORD_HEADER_SIZE + (record.type === RecordType.page ? PAGE_SIZE : record.pathLength);
    if (at + length > fileSize) break;
    if (record.type === RecordType.page) index.applyPage(record.inode, record.a, at + RECORD_HEADER_SIZE, record.b);
    else if (record.type === RecordType.inode) index.applyInode(record.inode, record.a, record.b, record.c);
    else index.applyEntry(path!.toString('utf8'), record.kind as EntryKindCode, record.inode, record.b);
    at += length;
  }
  if (!tolerateTornTail && at !== fileSize) throw new LayerCorruptError(id, `records end at ${at}, expected ${fileSize}`);
  return { index, end: at };
}
