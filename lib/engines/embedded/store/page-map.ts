import type { LayerFile } from './layer-file';

/**
 * For one file of a chain: which layer holds each page and where. Built once when the file
 * is first read or written, so a read costs one lookup whatever the chain's depth.
 */
export class PageMap {
  private layerOf = new Int16Array(0);
  private offsetOf = new Float64Array(0);

  /** Merges the chain's layers (bottom → top) for `inode`, honouring truncations. */
  static build(inode: number, layers: readonly LayerFile[]): PageMap {
    const map = new PageMap();
    let hiddenFrom = Infinity;
    for (let layerIndex = layers.length - 1; layerIndex >= 0; layerIndex--) {
      const index = layers[layerIndex]!.index;
      const pages = index.pages.get(inode);
      if (pages) {
        for (const [pageNumber, offset] of pages) {
          if (pageNumber < hiddenFrom && map.layerAt(pageNumber) < 0) map.set(pageNumber, layerIndex, offset);
        }
      }
      hiddenFrom = Math.min(hiddenFrom, index.inodes.get(inode)?.lowerCutoff ?? Infinity);
    }
    return map;
  }

  /** Layer index in the chain holding the page, or -1 for a hole. */
  layerAt(pageNumber: number): number {
    return pageNumber < this.layerOf.length ? this.layerOf[pageNumber]! : -1;
  }

  offsetAt(pageNumber: number): number {
    return this.offsetOf[pageNumber]!;
  }

  set(pageNumber: number, layerIndex: number, offset: number): void {
    if (pageNumber >= this.layerOf.length) this.grow(pageNumber + 1);
    this.layerOf[pageNumber] = layerIndex;
    this.offsetOf[pageNumber] = offset;
  }

  /** Forgets pages from `pageNumber` on (a truncation). */
  clearFrom(pageNumber: number): void {
    if (pageNumber < this.layerOf.length) this.layerOf.fill(-1, pageNumber);
  }

  /** Number of pages that hold data (not holes) below `limit`. */
  presentBelow(limit: number): number {
    let count = 0;
    const end = Math.min(limit, this.layerOf.length);
    for (let page = 0; page < end; page++) if (this.layerOf[page]! >= 0) count++;
    return count;
  }

  private grow(minimum: number): void {
    const capacity = Math.max(minimum, this.layerOf.length * 2, 16);
    const layerOf = new Int16Array(capacity).fill(-1);
    layerOf.set(this.layerOf);
    const offsetOf = new Float64Array(capacity);
    offsetOf.set(this.offsetOf);
    this.layerOf = layerOf;
    this.offsetOf = offsetOf;
  }
}
