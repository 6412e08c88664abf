import { EntryKind, type EntryKindCode, inodeHome, inodeLocal, PAGE_SIZE } from './record-format';

export interface EntryRecord {
  kind: EntryKindCode;
  inode: number;
  mode: number;
}

export interface InodeState {
  size: number;
  mode: number;
  /** Pages at or past this number in lower layers are hidden (the file was truncated here); Infinity when not. */
  lowerCutoff: number;
}

export const DEFAULT_FILE_MODE = 0o100600;

/**
 * What one layer holds, in memory: the paths it changed, the files whose size or mode it
 * changed, and where its pages sit in the layer file. The same `apply*` methods serve a
 * scan of the file and live writes, so both always agree.
 */
export class LayerIndex {
  readonly entries = new Map<string, EntryRecord>();
  readonly inodes = new Map<number, InodeState>();
  readonly pages = new Map<number, Map<number, number>>();
  nextLocalInode = 1;
  pageCount = 0;

  constructor(readonly layerId: number) {}

  applyPage(inode: number, pageNumber: number, payloadOffset: number, sizeAfter: number): void {
    let filePages = this.pages.get(inode);
    if (!filePages) {
      filePages = new Map();
      this.pages.set(inode, filePages);
    }
    if (!filePages.has(pageNumber)) this.pageCount++;
    filePages.set(pageNumber, payloadOffset);
    const state = this.inodeState(inode);
    state.size = sizeAfter;
    this.noteInode(inode);
  }

  applyInode(inode: number, size: number, cutoff: number, mode: number): void {
    const state = this.inodeState(inode);
    state.size = size;
    state.mode = mode;
    if (cutoff >= 0) {
      const filePages = this.pages.get(inode);
      if (filePages) {
        for (const pageNumber of [...filePages.keys()]) {
          if (pageNumber >= cutoff) {
            filePages.delete(pageNumber);
            this.pageCount--;
          }
        }
      }
      state.lowerCutoff = Math.min(state.lowerCutoff, cutoff);
    }
    this.noteInode(inode);
  }

  applyEntry(path: string, kind: EntryKindCode, inode: number, mode: number): void {
    this.entries.set(path, { kind, inode, mode });
    if (kind === EntryKind.file) this.noteInode(inode);
  }

  /** Bytes of page payload this layer stores (live pages, not overwritten garbage). */
  get pageBytes(): number {
    return this.pageCount * PAGE_SIZE;
  }

  get isEmpty(): boolean {
    return this.entries.size === 0 && this.inodes.size === 0 && this.pageCount === 0;
  }

  private inodeState(inode: number): InodeState {
    let state = this.inodes.get(inode);
    if (!state) {
      state = { size: 0, mode: DEFAULT_FILE_MODE, lowerCutoff: Infinity };
      this.inodes.set(inode, state);
    }
    return state;
  }

  private noteInode(inode: number): void {
    if (inodeHome(inode) === this.layerId) {
      this.nextLocalInode = Math.max(this.nextLocalInode, inodeLocal(inode) + 1);
    }
  }
}
