import { describe, expect, it } from 'vitest';
import { snapshotNameSchema } from '@/lib/validations/environments';
import { undoSnapshotName } from './names';

describe('undoSnapshotName', () => {
  it('names the database and the instant to the millisecond, as a valid snapshot name of at most 63 characters', () => {
    const at = new Date('2026-12-02T10:04:05.678Z');
    expect(undoSnapshotName('production', at)).toBe('production_undo_20261202100405678');
    const long = undoSnapshotName('a'.repeat(56), at);
    expect([long.length, snapshotNameSchema.safeParse(long).success]).toEqual([62, true]);
    expect(undoSnapshotName('production', new Date(at.getTime() + 1))).not.toBe(undoSnapshotName('production', at));
  });
});
