import fs from 'node:fs';
import path from 'node:path';
import { nextSegmentName, segmentNameAt } from './wal-blank';

/** pg_control's `state` once a server shut down cleanly (DB_SHUTDOWNED). */
const SHUT_DOWN = 1;
/** From this pg_control version (PostgreSQL 11, which dropped `prevCheckPoint`) on, the fields read below sit where they are read. */
const FIRST_LAYOUT_VERSION = 1100;
const SEGMENT = /^[0-9A-F]{24}$/;
/** Room a shutdown checkpoint's record can need after where it starts (with page headers), generously. */
const RECORD_ROOM = 64n * 1024n;

/** The start of pg_control: whether the server shut down cleanly, and where recovery would begin (its last checkpoint's redo point). */
export interface ControlState {
  shutDown: boolean;
  /** Where the last checkpoint's record starts. */
  checkpoint: bigint;
  /** `checkPointCopy.redo`: the WAL position a start replays from. */
  redo: bigint;
  timeline: number;
}

/**
 * Reads the few fields needed from `global/pg_control` (little-endian, as the server wrote it):
 * system identifier (8 bytes), pg_control version, catalog version, state, time (8, aligned),
 * the last checkpoint's position, then the checkpoint itself, which opens with its redo point
 * and timeline. Null for a layout this does not know.
 */
export function readControlState(dataDir: string): ControlState | null {
  const control = fs.readFileSync(path.join(dataDir, 'global', 'pg_control'));
  if (control.length < 52 || control.readUInt32LE(8) < FIRST_LAYOUT_VERSION) return null;
  return {
    shutDown: control.readInt32LE(16) === SHUT_DOWN,
    checkpoint: control.readBigUInt64LE(32),
    redo: control.readBigUInt64LE(40),
    timeline: control.readUInt32LE(48),
  };
}

/**
 * After a clean shutdown, removes the WAL segments PostgreSQL recycled for later use: while it
 * runs, `wal_recycle` renames finished segments to future names instead of making (and
 * zero-filling) new ones, which keeps commits fast on XFS, but a stopped environment would go
 * on owning them (hundreds of MB after a burst of writes). A clean shutdown ends the WAL with
 * its checkpoint record, at the redo point; the segment holding it stays (and the next one
 * when the record may cross into it), and every later segment of the timeline is one the
 * server made ahead and will make again. Nothing is removed unless pg_control says the server
 * shut down cleanly and the segments of its redo point and checkpoint are there. Returns the
 * bytes removed.
 */
export function trimRecycledSegments(dataDir: string): number {
  const control = readControlState(dataDir);
  if (!control?.shutDown) return 0;
  const wal = path.join(dataDir, 'pg_wal');
  const segments = fs.readdirSync(wal).filter((name) => SEGMENT.test(name));
  if (segments.length === 0) return 0;
  const segmentBytes = fs.statSync(path.join(wal, segments[0]!)).size;
  // A shutdown checkpoint's redo point is its own record; were they apart, the record (later) bounds what stays.
  const redoSegment = segmentNameAt(control.timeline, control.redo, segmentBytes);
  const checkpointSegment = segmentNameAt(control.timeline, control.checkpoint, segmentBytes);
  if (!segments.includes(redoSegment) || !segments.includes(checkpointSegment)) return 0;
  // The record is a few hundred bytes: it reaches the next segment only when it starts near the end of its own.
  const roomLeft = BigInt(segmentBytes) - (control.checkpoint % BigInt(segmentBytes));
  const keepUpTo = roomLeft > RECORD_ROOM ? checkpointSegment : nextSegmentName(checkpointSegment, segmentBytes);
  const timeline = checkpointSegment.slice(0, 8);
  let removed = 0;
  for (const name of segments) {
    if (!name.startsWith(timeline) || name <= keepUpTo) continue;
    const file = path.join(wal, name);
    removed += fs.statSync(file).size;
    fs.rmSync(file);
  }
  return removed;
}
