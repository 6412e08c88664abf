import { BaseFilesystem, type FsStats } from '@electric-sql/pglite/basefs';
import { type ChainView, Errno, FsError } from './chain-view';
import { DEFAULT_FILE_MODE } from './layer-index';
import { PAGE_SIZE } from './record-format';

/**
 * PGlite's data directory served from a chain of copy-on-write layers. This class only
 * adapts PGlite's synchronous filesystem calls (paths relative to the data directory,
 * numeric errno on errors) to the ChainView, which does the work.
 */
export class CowFilesystem extends BaseFilesystem {
  private readonly openFiles = new Map<number, number>();
  private nextDescriptor = 1;
  private heap: ArrayBufferLike | null = null;
  private heapBuffer: Buffer | null = null;
  /** Called on every filesystem call, so the owner can tell when the database was last used. */
  onActivity: () => void = () => {};

  constructor(readonly view: ChainView) {
    super('');
  }

  chmod(path: string, mode: number): void {
    this.view.setMode(path, mode);
  }

  close(descriptor: number): void {
    if (!this.openFiles.delete(descriptor)) throw new FsError(Errno.EBADF, `bad descriptor ${descriptor}`);
  }

  fstat(descriptor: number): FsStats {
    return this.stats(this.inodeOf(descriptor), DEFAULT_FILE_MODE);
  }

  lstat(path: string): FsStats {
    const entry = this.view.lookupOrThrow(path);
    return entry.kind === 'dir' ? this.stats(0, entry.mode, true) : this.stats(entry.inode, entry.mode);
  }

  mkdir(path: string, options?: { recursive?: boolean; mode?: number }): void {
    this.view.makeDirectory(path, options?.mode ?? 0o40700, options?.recursive ?? false);
  }

  open(path: string): number {
    const entry = this.view.lookupOrThrow(path);
    if (entry.kind === 'dir') throw new FsError(Errno.EISDIR, `is a directory: ${path}`);
    const descriptor = this.nextDescriptor++;
    this.openFiles.set(descriptor, entry.inode);
    return descriptor;
  }

  readdir(path: string): string[] {
    return this.view.list(path);
  }

  read(descriptor: number, buffer: Uint8Array, offset: number, length: number, position: number): number {
    this.onActivity();
    return this.view.read(this.inodeOf(descriptor), buffer, offset, length, position);
  }

  rename(oldPath: string, newPath: string): void {
    this.view.rename(oldPath, newPath);
  }

  rmdir(path: string): void {
    this.view.removeDirectory(path);
  }

  truncate(path: string, length: number): void {
    const entry = this.view.lookupOrThrow(path);
    if (entry.kind === 'dir') throw new FsError(Errno.EISDIR, `is a directory: ${path}`);
    this.view.truncate(entry.inode, length);
  }

  unlink(path: string): void {
    this.view.removeFile(path);
  }

  utimes(): void {
    // Times are not kept: Postgres does not depend on them.
  }

  writeFile(path: string, data: string | Uint8Array, options?: { mode?: number }): void {
    const existing = this.view.lookup(path);
    if (existing?.kind === 'dir') throw new FsError(Errno.EISDIR, `is a directory: ${path}`);
    const inode = existing ? existing.inode : this.view.createFile(path, options?.mode ?? DEFAULT_FILE_MODE);
    if (existing) this.view.truncate(inode, 0);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (bytes.length > 0) this.view.write(inode, bytes, 0, bytes.length, 0);
  }

  /** PGlite hands over the wasm heap's ArrayBuffer itself, with `offset` into it. */
  write(descriptor: number, buffer: Uint8Array, offset: number, length: number, position: number): number {
    this.onActivity();
    return this.view.write(this.inodeOf(descriptor), this.asBuffer(buffer), offset, length, position);
  }

  private asBuffer(buffer: Uint8Array | ArrayBufferLike): Buffer {
    const heap = buffer instanceof Uint8Array ? buffer.buffer : buffer;
    if (heap !== this.heap) {
      this.heap = heap;
      this.heapBuffer = Buffer.from(heap);
    }
    if (buffer instanceof Uint8Array && buffer.byteOffset !== 0) {
      return Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    }
    return this.heapBuffer!;
  }

  private inodeOf(descriptor: number): number {
    const inode = this.openFiles.get(descriptor);
    if (inode === undefined) throw new FsError(Errno.EBADF, `bad descriptor ${descriptor}`);
    return inode;
  }

  private stats(inode: number, mode: number, isDir = false): FsStats {
    const size = isDir ? PAGE_SIZE : this.view.sizeOf(inode);
    return {
      dev: 0,
      ino: inode,
      mode,
      nlink: 1,
      uid: 0,
      gid: 0,
      rdev: 0,
      size,
      blksize: PAGE_SIZE,
      blocks: Math.ceil(size / 512),
      atime: 0,
      mtime: 0,
      ctime: 0,
    };
  }
}
