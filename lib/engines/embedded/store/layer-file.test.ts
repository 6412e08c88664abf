import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LayerFile } from './layer-file';
import type { LayerIndex } from './layer-index';
import { EntryKind, FILE_HEADER_SIZE, PAGE_SIZE, RECORD_HEADER_SIZE } from './record-format';
import { makeTempDir } from './testing/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
let file: string;
const opened: LayerFile[] = [];
beforeEach(() => {
  temp = makeTempDir('layer-file');
  file = path.join(temp.dir, '3.layer');
});
afterEach(() => {
  for (const layer of opened.splice(0)) layer.close();
  temp.remove();
});

const track = (layer: LayerFile) => (opened.push(layer), layer);
const page = (fill: number) => Buffer.alloc(PAGE_SIZE, fill);

/** What an index says, as plain sorted data, so two indexes can be compared with toEqual. */
function describeIndex(index: LayerIndex) {
  return {
    entries: [...index.entries].sort(([a], [b]) => a.localeCompare(b)),
    inodes: [...index.inodes].sort(([a], [b]) => a - b),
    pages: [...index.pages].flatMap(([inode, pages]) => [...pages].map(([number, offset]) => [inode, number, offset])).sort(),
    pageCount: index.pageCount,
  };
}

function readPage(layer: LayerFile, inode: number, pageNumber: number): Buffer {
  const target = Buffer.alloc(PAGE_SIZE);
  layer.readPayload(layer.index.pages.get(inode)!.get(pageNumber)!, target, 0, PAGE_SIZE);
  return target;
}

/** A top with a directory, a file of two pages (one overwritten in place) and a truncation record. */
function writeSampleTop(): LayerFile {
  const layer = track(LayerFile.create(file, 3));
  layer.appendEntry('/base', EntryKind.dir, 0, 0o40700);
  const inode = layer.allocateInode();
  layer.appendEntry('/base/1', EntryKind.file, inode, 0o100600);
  layer.appendPage(inode, 0, PAGE_SIZE, page(1));
  const second = layer.appendPage(inode, 1, 2 * PAGE_SIZE, page(2));
  layer.overwrite(second + 100, Buffer.from('in place'), 0, 8);
  layer.appendInode(inode, 3 * PAGE_SIZE, -1, 0o100600);
  return layer;
}

describe('LayerFile', () => {
  it('keeps pages, sizes and paths across a reopen of the writable top', () => {
    const before = describeIndex(writeSampleTop().index);
    const sizeBefore = fs.statSync(file).size;
    opened.pop()!.close();
    const reopened = track(LayerFile.open(file, 3, null));
    expect(reopened.isWritable).toBe(true);
    expect(describeIndex(reopened.index)).toEqual(before);
    expect(fs.statSync(file).size).toBe(sizeBefore);
    const inode = reopened.index.entries.get('/base/1')!.inode;
    expect(readPage(reopened, inode, 0).equals(page(1))).toBe(true);
    expect(readPage(reopened, inode, 1).toString('utf8', 100, 108)).toBe('in place');
    expect(reopened.index.inodes.get(inode)!.size).toBe(3 * PAGE_SIZE);
  });

  it('overwrites a page in place without growing the file', () => {
    const layer = writeSampleTop();
    const size = layer.bytes;
    const inode = layer.index.entries.get('/base/1')!.inode;
    layer.overwrite(layer.index.pages.get(inode)!.get(0)!, page(9), 0, PAGE_SIZE);
    expect(layer.bytes).toBe(size);
    expect(readPage(layer, inode, 0).equals(page(9))).toBe(true);
  });

  it('hands out inode numbers homed in the layer, continuing after a reopen', () => {
    const layer = writeSampleTop();
    const first = layer.index.entries.get('/base/1')!.inode;
    layer.close();
    const next = track(LayerFile.open(file, 3, null)).allocateInode();
    expect(Math.floor(next / 2 ** 21)).toBe(3);
    expect(next).toBeGreaterThan(first);
  });

  it('opens a frozen layer from its index block, read-only', () => {
    const layer = writeSampleTop();
    const before = describeIndex(layer.index);
    const extent = layer.freeze();
    expect(extent.indexEnd).toBe(fs.statSync(file).size);
    expect(() => layer.appendInode(1, 0, -1, 0)).toThrow(/frozen/);
    layer.close();
    const frozen = track(LayerFile.open(file, 3, extent));
    expect(frozen.isWritable).toBe(false);
    expect(describeIndex(frozen.index)).toEqual(before);
  });

  it('rebuilds a frozen layer from its records when the index block is damaged', () => {
    const layer = writeSampleTop();
    const before = describeIndex(layer.index);
    const extent = layer.freeze();
    layer.close();
    const descriptor = fs.openSync(file, 'r+');
    fs.writeSync(descriptor, Buffer.from([0xff, 0xee]), 0, 2, extent.dataEnd + RECORD_HEADER_SIZE + 3);
    fs.closeSync(descriptor);
    expect(describeIndex(track(LayerFile.open(file, 3, extent)).index)).toEqual(before);
  });

  it('cuts bytes past the recorded extent of a frozen layer (a merge the catalog never recorded)', () => {
    const layer = writeSampleTop();
    const extent = layer.freeze();
    layer.reopenForMerge();
    layer.appendPage(99, 0, PAGE_SIZE, page(7));
    layer.close();
    const frozen = track(LayerFile.open(file, 3, extent));
    expect(frozen.index.pages.has(99)).toBe(false);
    expect(fs.statSync(file).size).toBe(extent.indexEnd);
  });

  it('reads records merged after an earlier index block when the new block is damaged', () => {
    const layer = writeSampleTop();
    layer.freeze();
    layer.reopenForMerge();
    layer.appendPage(99, 4, 5 * PAGE_SIZE, page(7));
    const before = describeIndex(layer.index);
    const extent = layer.freeze();
    layer.close();
    fs.truncateSync(file, extent.indexEnd - 1);
    fs.appendFileSync(file, Buffer.from([0x5a]));
    const reopened = track(LayerFile.open(file, 3, extent));
    expect(describeIndex(reopened.index)).toEqual(before);
    expect(readPage(reopened, 99, 4).equals(page(7))).toBe(true);
  });

  it('drops an index block a top kept after a freeze the catalog never recorded', () => {
    const layer = writeSampleTop();
    const before = describeIndex(layer.index);
    const extent = layer.freeze();
    layer.close();
    const top = track(LayerFile.open(file, 3, null));
    expect(top.isWritable).toBe(true);
    expect(describeIndex(top.index)).toEqual(before);
    expect(fs.statSync(file).size).toBe(extent.dataEnd);
  });

  it('goes back to writable after unfreeze, with its records intact', () => {
    const layer = writeSampleTop();
    const before = describeIndex(layer.index);
    layer.unfreeze(layer.freeze());
    layer.appendEntry('/after', EntryKind.dir, 0, 0o40700);
    layer.close();
    const reopened = track(LayerFile.open(file, 3, null));
    expect(reopened.index.entries.get('/after')?.kind).toBe(EntryKind.dir);
    expect(describeIndex(reopened.index).pages).toEqual(before.pages);
  });

  it('refuses a file whose header names another layer', () => {
    writeSampleTop().close();
    expect(() => LayerFile.open(file, 4, null)).toThrow(/damaged/);
  });
});

describe('a torn tail of the writable top', () => {
  /** Every cut inside the last record: each must lose that record only, and the file must stay usable. */
  it('is cut off on open wherever the crash interrupted the last append', () => {
    const layer = writeSampleTop();
    const goodEnd = layer.bytes;
    const good = describeIndex(layer.index);
    const inode = layer.index.entries.get('/base/1')!.inode;
    layer.appendPage(inode, 2, 3 * PAGE_SIZE, page(3));
    layer.close();
    const full = fs.readFileSync(file);
    for (const cut of [goodEnd + 1, goodEnd + RECORD_HEADER_SIZE - 1, goodEnd + RECORD_HEADER_SIZE + 10, full.length - 1]) {
      fs.writeFileSync(file, full.subarray(0, cut));
      const reopened = LayerFile.open(file, 3, null);
      try {
        expect(describeIndex(reopened.index), `cut at ${cut}`).toEqual(good);
        expect(fs.statSync(file).size).toBe(goodEnd);
        reopened.appendPage(inode, 2, 3 * PAGE_SIZE, page(4));
        expect(readPage(reopened, inode, 2).equals(page(4))).toBe(true);
      } finally {
        reopened.close();
      }
    }
  });

  it('stops at garbage after the last good record and keeps everything before it', () => {
    const layer = writeSampleTop();
    const good = describeIndex(layer.index);
    const goodEnd = layer.bytes;
    layer.close();
    fs.appendFileSync(file, Buffer.alloc(3 * RECORD_HEADER_SIZE, 0x33));
    const reopened = track(LayerFile.open(file, 3, null));
    expect(describeIndex(reopened.index)).toEqual(good);
    expect(reopened.bytes).toBe(goodEnd);
    expect(goodEnd).toBeGreaterThan(FILE_HEADER_SIZE);
  });
});
