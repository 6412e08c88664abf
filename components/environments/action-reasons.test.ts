import { NO_PERMISSIONS, type EnvironmentPermissions } from '@/lib/domain/environments/permissions';
import { describe, expect, it } from 'vitest';
import { unavailableReason } from './action-reasons';

const none: EnvironmentPermissions = { ...NO_PERMISSIONS, connect: true };
const clone = { isProduction: false, baseSnapshotId: 'base' };
const production = { isProduction: true, baseSnapshotId: null };
const engine = { engineRestores: true };

describe('unavailableReason', () => {
  it('says nothing about what the viewer may do', () => {
    expect(unavailableReason('reset', clone, { ...none, reset: true }, engine)).toBeNull();
  });

  it('explains production: never dropped, restored by admins, no expiry', () => {
    const blocked = { ...none, dropBlockedReason: 'Production databases cannot be dropped.' };
    expect(unavailableReason('drop', production, blocked, engine)).toBe('Production databases cannot be dropped.');
    expect(unavailableReason('restore', production, none, engine)).toBe('Only an administrator can restore production.');
    expect(unavailableReason('extend', production, none, engine)).toBe('Production databases do not expire.');
    expect(unavailableReason('reset', production, none, engine)).toContain('restore it from a snapshot');
  });

  it('sends members of a team to their lead, and blames the engine when it cannot restore', () => {
    expect(unavailableReason('drop', clone, none, engine)).toBe('Only team leads and administrators can do this.');
    expect(unavailableReason('restore', clone, none, { engineRestores: false })).toBe('This engine cannot restore a database in place.');
  });
});
