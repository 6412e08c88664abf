import type { LayerFile } from './layer-file';
import { DEFAULT_DIR_MODE, Namespace, parentOf, type VisibleEntry } from './namespace';
import { PageMap } from './page-map';
import { EntryKind, PAGE_SIZE } from './record-format';

/** Emscripten's errno numbers, which PGlite expects on thrown filesystem errors. */
export const Errno = { EBADF: 8, EEXIST: 20, EINVAL: 28, EISDIR: 31, ENOENT: 44, ENOTDIR: 54, ENOTEMPTY: 55 } as const;

const ZERO_PAGE = Buffer.alloc(PAGE_SIZE);

export class FsError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'FsError';
  }
}

/**
 * A database's files as its chain of layers shows them (bottom → top; the last layer is
 * the writable top, if any). Reads find each page in the topmost layer holding it; writes
 * go to the top, copying a page up from below the first time it changes.
 */
export class ChainView {
  private namespace: Namespace;
  private readonly pageMaps = new Map<number, PageMap>();
  private readonly scratch = Buffer.alloc(PAGE_SIZE);

  constructor(private layers: LayerFile[]) {
    this.namespace = new Namespace(layers);
  }

  get chain(): readonly LayerFile[] {
    return this.layers;
  }

  /** A new empty top after the old one was frozen: pages already mapped stay where they are. */
  pushTop(layer: LayerFile): void {
    if (this.layers[this.layers.length - 1] === layer) return;
    this.layers = [...this.layers, layer];
  }

  /** Swaps in a new chain (a new top after a snapshot, or compacted layers) between two filesystem calls. */
  replaceChain(layers: LayerFile[]): void {
    this.layers = layers;
    this.namespace = new Namespace(layers);
    this.pageMaps.clear();
  }

  lookup(path: string): VisibleEntry | undefined {
    return this.namespace.get(path);
  }

  lookupOrThrow(path: string): VisibleEntry {
    const entry = this.namespace.get(path);
    if (!entry) throw new FsError(Errno.ENOENT, `no such file or directory: ${path}`);
    return entry;
  }

  list(dir: string): string[] {
    if (this.lookupOrThrow(dir).kind !== 'dir') throw new FsError(Errno.ENOTDIR, `not a directory: ${dir}`);
    return this.namespace.list(dir);
  }

  files(): Array<[string, VisibleEntry]> {
    return this.namespace.files();
  }

  sizeOf(inode: number): number {
    for (let layerIndex = this.layers.length - 1; layerIndex >= 0; layerIndex--) {
      const state = this.layers[layerIndex]!.index.inodes.get(inode);
      if (state) return state.size;
    }
    return 0;
  }

  /** Bytes of the file that hold data (holes excluded). */
  storedBytesOf(inode: number): number {
    const size = this.sizeOf(inode);
    const pages = this.pageMap(inode);
    const fullPages = Math.floor(size / PAGE_SIZE);
    const tail = size % PAGE_SIZE;
    return pages.presentBelow(fullPages) * PAGE_SIZE + (tail && pages.layerAt(fullPages) >= 0 ? tail : 0);
  }

  createFile(path: string, mode: number): number {
    this.assertParentDir(path);
    if (this.namespace.get(path)) throw new FsError(Errno.EEXIST, `exists: ${path}`);
    const top = this.top();
    const inode = top.allocateInode();
    top.appendEntry(path, EntryKind.file, inode, mode);
    this.namespace.set(path, { kind: 'file', inode, mode });
    return inode;
  }

  makeDirectory(path: string, mode: number, recursive: boolean): void {
    const existing = this.namespace.get(path);
    if (existing) {
      if (recursive && existing.kind === 'dir') return;
      throw new FsError(Errno.EEXIST, `exists: ${path}`);
    }
    if (recursive && parentOf(path) !== '' && !this.namespace.get(parentOf(path))) {
      this.makeDirectory(parentOf(path), mode, true);
    }
    this.assertParentDir(path);
    this.top().appendEntry(path, EntryKind.dir, 0, mode || DEFAULT_DIR_MODE);
    this.namespace.set(path, { kind: 'dir', inode: 0, mode: mode || DEFAULT_DIR_MODE });
  }

  setMode(path: string, mode: number): void {
    const entry = this.lookupOrThrow(path);
    if (entry.mode === mode) return;
    this.top().appendEntry(path, entry.kind === 'dir' ? EntryKind.dir : EntryKind.file, entry.inode, mode);
    this.namespace.set(path, { ...entry, mode });
  }

  removeFile(path: string): void {
    if (this.lookupOrThrow(path).kind === 'dir') throw new FsError(Errno.EISDIR, `is a directory: ${path}`);
    this.hide(path);
  }

  removeDirectory(path: string): void {
    if (this.lookupOrThrow(path).kind !== 'dir') throw new FsError(Errno.ENOTDIR, `not a directory: ${path}`);
    if (this.namespace.list(path).length > 0) throw new FsError(Errno.ENOTEMPTY, `not empty: ${path}`);
    this.hide(path);
  }

  rename(from: string, to: string): void {
    const source = this.lookupOrThrow(from);
    if (from === to) return;
    this.assertParentDir(to);
    const target = this.namespace.get(to);
    if (target?.kind === 'dir') {
      if (source.kind !== 'dir') throw new FsError(Errno.EISDIR, `is a directory: ${to}`);
      if (this.namespace.list(to).length > 0) throw new FsError(Errno.ENOTEMPTY, `not empty: ${to}`);
    } else if (target && source.kind === 'dir') {
      throw new FsError(Errno.ENOTDIR, `not a directory: ${to}`);
    }
    const moved = source.kind === 'dir' ? this.namespace.descendants(from) : [];
    this.place(to, source);
    for (const path of moved) this.place(to + path.slice(from.length), this.namespace.get(path)!);
    for (const path of moved.reverse()) this.hide(path);
    this.hide(from);
  }

  read(inode: number, target: Uint8Array, targetOffset: number, length: number, position: number): number {
    const size = this.sizeOf(inode);
    if (position >= size || length <= 0) return 0;
    const total = Math.min(length, size - position);
    const pages = this.pageMap(inode);
    let done = 0;
    while (done < total) {
      const at = position + done;
      const pageNumber = Math.floor(at / PAGE_SIZE);
      const inPage = at % PAGE_SIZE;
      const chunk = Math.min(PAGE_SIZE - inPage, total - done);
      const layerIndex = pages.layerAt(pageNumber);
      if (layerIndex < 0) target.fill(0, targetOffset + done, targetOffset + done + chunk);
      else this.layers[layerIndex]!.readPayload(pages.offsetAt(pageNumber) + inPage, target, targetOffset + done, chunk);
      done += chunk;
    }
    return total;
  }

  write(inode: number, source: Buffer, sourceOffset: number, length: number, position: number): number {
    const oldSize = this.sizeOf(inode);
    const newSize = Math.max(oldSize, position + length);
    const recorded = this.writePages(inode, source, sourceOffset, length, position, newSize);
    if (newSize !== oldSize && !recorded) this.top().appendInode(inode, newSize, -1, 0);
    return length;
  }

  truncate(inode: number, length: number): void {
    const oldSize = this.sizeOf(inode);
    if (length === oldSize) return;
    if (length > oldSize) {
      this.top().appendInode(inode, length, -1, 0);
      return;
    }
    const cutoff = Math.ceil(length / PAGE_SIZE);
    this.top().appendInode(inode, length, cutoff, 0);
    const pages = this.pageMap(inode);
    pages.clearFrom(cutoff);
    const tail = length % PAGE_SIZE;
    if (tail && pages.layerAt(cutoff - 1) >= 0) {
      // Bytes past the new end must read as zeros if the file grows again.
      const zeros = Buffer.alloc(PAGE_SIZE - tail);
      this.writePages(inode, zeros, 0, zeros.length, length, length);
    }
  }

  private top(): LayerFile {
    const top = this.layers[this.layers.length - 1];
    if (!top?.isWritable) throw new FsError(Errno.EINVAL, 'this view is read-only');
    return top;
  }

  /** Writes into pages; returns true when the last appended page record already carries `sizeAfter`. */
  private writePages(inode: number, source: Buffer, sourceOffset: number, length: number, position: number, sizeAfter: number): boolean {
    const top = this.top();
    const topIndex = this.layers.length - 1;
    const pages = this.pageMap(inode);
    let recorded = false;
    for (let done = 0; done < length;) {
      const at = position + done;
      const pageNumber = Math.floor(at / PAGE_SIZE);
      const inPage = at % PAGE_SIZE;
      const chunk = Math.min(PAGE_SIZE - inPage, length - done);
      const layerIndex = pages.layerAt(pageNumber);
      if (layerIndex === topIndex) {
        top.overwrite(pages.offsetAt(pageNumber) + inPage, source, sourceOffset + done, chunk);
        recorded = false;
      } else {
        const page = this.scratch;
        if (chunk < PAGE_SIZE) {
          if (layerIndex < 0) page.fill(0);
          else this.layers[layerIndex]!.readPayload(pages.offsetAt(pageNumber), page, 0, PAGE_SIZE);
        }
        source.copy(page, inPage, sourceOffset + done, sourceOffset + done + chunk);
        if (layerIndex < 0 && page.equals(ZERO_PAGE)) {
          // Zeros over a hole stay a hole: pre-zeroed WAL segments and extended files cost nothing.
          recorded = false;
        } else {
          pages.set(pageNumber, topIndex, top.appendPage(inode, pageNumber, sizeAfter, page));
          recorded = true;
        }
      }
      done += chunk;
    }
    return recorded;
  }

  private pageMap(inode: number): PageMap {
    let map = this.pageMaps.get(inode);
    if (!map) {
      map = PageMap.build(inode, this.layers);
      this.pageMaps.set(inode, map);
    }
    return map;
  }

  private place(path: string, entry: VisibleEntry): void {
    this.top().appendEntry(path, entry.kind === 'dir' ? EntryKind.dir : EntryKind.file, entry.inode, entry.mode);
    this.namespace.set(path, entry);
  }

  private hide(path: string): void {
    this.top().appendEntry(path, EntryKind.gone, 0, 0);
    this.namespace.delete(path);
  }

  private assertParentDir(path: string): void {
    const parent = this.namespace.get(parentOf(path));
    if (!parent) throw new FsError(Errno.ENOENT, `no such directory: ${parentOf(path)}`);
    if (parent.kind !== 'dir') throw new FsError(Errno.ENOTDIR, `not a directory: ${parentOf(path)}`);
  }
}
