import { describe, expect, it } from 'vitest';
import { EnvironmentStatus } from '@/lib/generated/prisma/enums';
import { BUSY_STATUSES, DROPPABLE_STATUSES, ENVIRONMENT_STATUSES, isBusy, isDroppable, isSettled, SETTLED_STATUSES } from './status';

describe('environment status sets', () => {
  it('lists exactly the statuses of the schema', () => {
    expect([...ENVIRONMENT_STATUSES].sort()).toEqual(Object.values(EnvironmentStatus).sort());
  });

  it('never counts a status as both busy and settled', () => {
    expect(BUSY_STATUSES.filter((status) => SETTLED_STATUSES.includes(status))).toEqual([]);
  });

  it('answers per status', () => {
    const table = ENVIRONMENT_STATUSES.map((status) => [status, isBusy(status), isSettled(status), isDroppable(status)]);
    expect(table).toEqual([
      ['provisioning', true, false, false],
      ['ready', false, true, true],
      ['resetting', true, false, false],
      ['restoring', true, false, false],
      ['dropping', true, false, false],
      ['dropped', false, false, false],
      ['failed', false, true, true],
      ['missing', false, false, true],
    ]);
    expect(isBusy(undefined)).toBe(false);
    expect(DROPPABLE_STATUSES).toContain('missing');
  });
});
