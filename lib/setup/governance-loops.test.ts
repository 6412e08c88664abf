import { describe, expect, it } from 'vitest';
import { processHolderId, reaperIntervalMs } from './governance-loops';

describe('reaperIntervalMs', () => {
  it('reads CLONEDECK_REAPER_INTERVAL_SECONDS, defaulting to a minute (also when empty)', () => {
    expect(reaperIntervalMs({})).toBe(60_000);
    expect(reaperIntervalMs({ CLONEDECK_REAPER_INTERVAL_SECONDS: '' })).toBe(60_000);
    expect(reaperIntervalMs({ CLONEDECK_REAPER_INTERVAL_SECONDS: '15' })).toBe(15_000);
  });

  it('refuses a value that is not a positive whole number, naming the variable', () => {
    for (const bad of ['0', '-5', 'soon', '1.5']) {
      expect(() => reaperIntervalMs({ CLONEDECK_REAPER_INTERVAL_SECONDS: bad }), bad).toThrow(
        /^Bad configuration: CLONEDECK_REAPER_INTERVAL_SECONDS /,
      );
    }
  });
});

describe('processHolderId', () => {
  it('names the host and process, and differs between two calls (two replicas on one host)', () => {
    const first = processHolderId();
    expect(first).toContain(`:${process.pid}:`);
    expect(processHolderId()).not.toBe(first);
  });
});
