import fs from 'node:fs';
import path from 'node:path';
import type { FileCloner } from './file-clone';

const SEGMENT = /^([0-9A-F]{8})([0-9A-F]{8})([0-9A-F]{8})$/;

/**
 * The name of the WAL segment holding `position` on `timeline`, for segments of `segmentBytes`
 * (PostgreSQL's XLogFileName): timeline, then the 4 GB "log" the segment is in, then its
 * number within it.
 */
export function segmentNameAt(timeline: number, position: bigint, segmentBytes: number): string {
  const number = position / BigInt(segmentBytes);
  const perLog = 0x1_0000_0000n / BigInt(segmentBytes);
  const hex = (value: number | bigint) => value.toString(16).toUpperCase().padStart(8, '0');
  return `${hex(timeline)}${hex(number / perLog)}${hex(number % perLog)}`;
}

/** The name of the WAL segment after `segment`, for segments of `segmentBytes`. */
export function nextSegmentName(segment: string, segmentBytes: number): string {
  const parts = SEGMENT.exec(segment);
  if (!parts) throw new Error(`not a WAL segment name: ${segment}`);
  const perLog = 0x1_0000_0000n / BigInt(segmentBytes);
  const number = BigInt(`0x${parts[2]}`) * perLog + BigInt(`0x${parts[3]}`);
  return segmentNameAt(parseInt(parts[1]!, 16), (number + 1n) * BigInt(segmentBytes), segmentBytes);
}

/**
 * A new data directory's first WAL segment, shared: a reflink of one zero-filled segment the
 * store keeps. A server commits by overwriting its WAL segment and syncing it; it only stays
 * fast on XFS when the segment's blocks are written ahead (`wal_init_zero`, see server.ts), and
 * a copy made online ends its WAL at a segment switch, so its server would first write a
 * segment of 16 MB of zeros it then owns. Placed here, that segment costs the copy nothing
 * until written; PostgreSQL opens a segment that is already there instead of making it. On a
 * file system without reflinks nothing is placed: the server makes the segment itself.
 */
export class BlankSegment {
  constructor(
    /** The folder that holds the store's blank segment (one file; counted as a holder of its blocks). */
    readonly dir: string,
    private readonly cloner: FileCloner,
  ) {}

  /** Puts the blank in `walDir` as the segment after `last` (the copy's last segment, whose owner and size it takes). */
  async placeAfter(walDir: string, last: string): Promise<void> {
    if (!this.cloner.thin) return;
    const lastFile = fs.statSync(path.join(walDir, last));
    const target = path.join(walDir, nextSegmentName(last, lastFile.size));
    if (fs.existsSync(target)) return;
    await this.cloner.copyTree(await this.blankOf(lastFile), target);
  }

  /** The zero-filled segment of the copy's size and owner, written (not sparse) once per store. */
  private async blankOf(like: fs.Stats): Promise<string> {
    const file = path.join(this.dir, `zeros-${like.size}-${like.uid}`);
    if (fs.existsSync(file)) return file;
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const partial = `${file}.partial`;
    const handle = await fs.promises.open(partial, 'w', 0o600);
    try {
      const chunk = Buffer.alloc(1024 * 1024);
      for (let written = 0; written < like.size; written += chunk.length)
        await handle.write(chunk, 0, Math.min(chunk.length, like.size - written));
      await handle.sync();
    } finally {
      await handle.close();
    }
    fs.chownSync(partial, like.uid, like.gid);
    fs.renameSync(partial, file);
    return file;
  }
}
