import fs from 'node:fs';
import path from 'node:path';
import { type ChainView, Errno, FsError } from '../chain-view';

/** What a directory tree holds: every directory's sorted names and every file's bytes. */
export interface TreeContents {
  directories: Map<string, string[]>;
  files: Map<string, Buffer>;
}

/** The reference: a real directory read with node:fs. Paths are given as the view names them ("" is the root). */
export function readRealTree(root: string): TreeContents {
  const contents: TreeContents = { directories: new Map(), files: new Map() };
  const visit = (relative: string) => {
    const names = fs.readdirSync(path.join(root, relative)).sort();
    contents.directories.set(relative, names);
    for (const name of names) {
      const child = `${relative}/${name}`;
      if (fs.statSync(path.join(root, child)).isDirectory()) visit(child);
      else contents.files.set(child, fs.readFileSync(path.join(root, child)));
    }
  };
  visit('');
  return contents;
}

/** The same picture read through a ChainView: listings, sizes and every byte of every file. */
export function readViewTree(view: ChainView): TreeContents {
  const contents: TreeContents = { directories: new Map(), files: new Map() };
  const visit = (relative: string) => {
    const names = view.list(relative).sort();
    contents.directories.set(relative, names);
    for (const name of names) {
      const child = `${relative}/${name}`;
      const entry = view.lookupOrThrow(child);
      if (entry.kind === 'dir') visit(child);
      else contents.files.set(child, readWholeFile(view, entry.inode));
    }
  };
  visit('');
  return contents;
}

function readWholeFile(view: ChainView, inode: number): Buffer {
  const size = view.sizeOf(inode);
  // One byte more than the size: a read must stop at the end of the file.
  const bytes = Buffer.alloc(size + 1, 0xaa);
  const read = view.read(inode, bytes, 0, size + 1, 0);
  if (read !== size) throw new Error(`read returned ${read} bytes of a ${size}-byte file`);
  return bytes.subarray(0, size);
}

/** The first difference between two trees, in words, or null when they hold the same. */
export function firstDifference(expected: TreeContents, actual: TreeContents): string | null {
  for (const [dir, names] of expected.directories) {
    const got = actual.directories.get(dir);
    if (!got) return `directory "${dir}" is missing`;
    if (got.join('/') !== names.join('/')) return `directory "${dir}" lists [${got}] instead of [${names}]`;
  }
  for (const dir of actual.directories.keys()) if (!expected.directories.has(dir)) return `unexpected directory "${dir}"`;
  for (const [file, bytes] of expected.files) {
    const got = actual.files.get(file);
    if (!got) return `file "${file}" is missing`;
    if (got.length !== bytes.length) return `file "${file}" is ${got.length} bytes instead of ${bytes.length}`;
    const at = got.findIndex((byte, index) => byte !== bytes[index]);
    if (at >= 0) return `file "${file}" differs at byte ${at} (page ${Math.floor(at / 8192)})`;
  }
  return null;
}

const ERRNO_NAMES = new Map<number, string>(Object.entries(Errno).map(([name, code]) => [code, name]));

/** Runs an operation and names how it failed: node's code (ENOENT…) or the view's errno by the same name. */
export function outcomeOf(operation: () => void): string {
  try {
    operation();
    return 'ok';
  } catch (error) {
    if (error instanceof FsError) return ERRNO_NAMES.get(error.code) ?? `errno ${error.code}`;
    const code = (error as NodeJS.ErrnoException).code;
    if (code) return code;
    throw error;
  }
}
