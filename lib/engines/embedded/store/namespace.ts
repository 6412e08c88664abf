import type { LayerFile } from './layer-file';
import { EntryKind } from './record-format';

export interface VisibleEntry {
  kind: 'file' | 'dir';
  inode: number;
  mode: number;
}

export const DEFAULT_DIR_MODE = 0o40700;

export const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/'));
export const nameOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * The paths a chain of layers shows: each layer's entries applied bottom to top, a
 * whiteout hiding what lies below. Paths are as PGlite passes them: "" is the data
 * directory, "/base/5/1259" a file in it.
 */
export class Namespace {
  private readonly entries = new Map<string, VisibleEntry>();
  private readonly children = new Map<string, Set<string>>();

  constructor(layers: readonly LayerFile[]) {
    this.entries.set('', { kind: 'dir', inode: 0, mode: DEFAULT_DIR_MODE });
    for (const layer of layers) {
      for (const [path, entry] of layer.index.entries) {
        if (entry.kind === EntryKind.gone) this.entries.delete(path);
        else this.entries.set(path, { kind: entry.kind === EntryKind.dir ? 'dir' : 'file', inode: entry.inode, mode: entry.mode });
      }
    }
    for (const path of this.entries.keys()) if (path !== '') this.childSet(parentOf(path)).add(nameOf(path));
  }

  get(path: string): VisibleEntry | undefined {
    return this.entries.get(path);
  }

  list(dir: string): string[] {
    return [...(this.children.get(dir) ?? [])];
  }

  set(path: string, entry: VisibleEntry): void {
    this.entries.set(path, entry);
    this.childSet(parentOf(path)).add(nameOf(path));
  }

  delete(path: string): void {
    this.entries.delete(path);
    this.children.get(parentOf(path))?.delete(nameOf(path));
    this.children.delete(path);
  }

  /** Every path below `dir`, parents before their children. */
  descendants(dir: string): string[] {
    const found: string[] = [];
    const visit = (parent: string) => {
      for (const name of this.list(parent)) {
        const path = `${parent}/${name}`;
        found.push(path);
        if (this.entries.get(path)?.kind === 'dir') visit(path);
      }
    };
    visit(dir);
    return found;
  }

  files(): Array<[string, VisibleEntry]> {
    return [...this.entries].filter(([, entry]) => entry.kind === 'file');
  }

  private childSet(dir: string): Set<string> {
    let set = this.children.get(dir);
    if (!set) {
      set = new Set();
      this.children.set(dir, set);
    }
    return set;
  }
}
