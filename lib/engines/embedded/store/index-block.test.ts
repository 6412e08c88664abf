import { describe, expect, it } from 'vitest';
import { decodeIndexBlock, encodeIndexBlock } from './index-block';
import { LayerIndex } from './layer-index';
import { EntryKind, PAGE_SIZE, RECORD_HEADER_SIZE } from './record-format';

const STRIDE = RECORD_HEADER_SIZE + PAGE_SIZE;

function sampleIndex(): LayerIndex {
  const index = new LayerIndex(7);
  index.applyEntry('/base/5/16384', EntryKind.file, 7 * 2 ** 21 + 1, 0o100600);
  index.applyEntry('/pg_wal/old', EntryKind.gone, 0, 0);
  // A bulk load: 1 000 pages appended in order, then scattered rewrites and a page of another file in between.
  for (let page = 0; page < 1000; page++)
    index.applyPage(7 * 2 ** 21 + 1, page, 64 + RECORD_HEADER_SIZE + page * STRIDE, (page + 1) * PAGE_SIZE);
  index.applyPage(42, 3, 64 + RECORD_HEADER_SIZE + 1000 * STRIDE, 4 * PAGE_SIZE);
  index.applyPage(7 * 2 ** 21 + 1, 500, 64 + RECORD_HEADER_SIZE + 1001 * STRIDE, 1000 * PAGE_SIZE);
  index.applyInode(42, 4 * PAGE_SIZE, 4, 0);
  return index;
}

describe('the index block', () => {
  it('reads back exactly the pages, sizes, cutoffs and paths it was written from', () => {
    const index = sampleIndex();
    const decoded = decodeIndexBlock(7, encodeIndexBlock(index))!;
    expect(decoded.entries).toEqual(index.entries);
    expect(decoded.inodes).toEqual(index.inodes);
    expect(decoded.pages).toEqual(index.pages);
    expect(decoded.pageCount).toBe(index.pageCount);
  });

  it('costs a few bytes per page, so a bulk load indexes in kilobytes per thousand pages', () => {
    expect(encodeIndexBlock(sampleIndex()).length).toBeLessThan(1002 * 5 + 200);
  });

  it('leaves out the pages of files it is told nobody can reach any more', () => {
    const decoded = decodeIndexBlock(
      7,
      encodeIndexBlock(sampleIndex(), (inode) => inode !== 42),
    )!;
    expect(decoded.pages.has(42)).toBe(false);
    expect(decoded.pages.get(7 * 2 ** 21 + 1)?.size).toBe(1000);
  });

  it('refuses a damaged block (the layer is then scanned instead)', () => {
    const block = encodeIndexBlock(sampleIndex());
    block[20] = block[20]! ^ 0xff;
    expect(decodeIndexBlock(7, block)).toBeNull();
  });
});
