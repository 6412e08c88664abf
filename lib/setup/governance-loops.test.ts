import { describe, expect, it } from 'vitest';
import { processHolderId, reaperIntervalMs } from './governance-loops';

describe('reaperIntervalMs', () => {
  it('reads CLONEDECK_REAPER_INTERVAL_SECONDS, defaulting to a minute', () => {
    expect(reaperIntervalMs({})).toBe(60_000);
    expect(reaperIntervalMs({ CLONEDECK_REAPER_INTERVAL_SECONDS: '15' })).toBe(15_000);
    for (const bad of ['0', '-5', 'soon', '']) expect(reaperIntervalMs({ CLONEDECK_REAPER_INTERVAL_SECONDS: bad }), bad).toBe(60_000);
  });
});

describe('processHolderId', () => {
  it('names the host and process, and differs between two calls (two replicas on one host)', () => {
    const first = processHolderId();
    expect(first).toContain(`:${process.pid}:`);
    expect(processHolderId()).not.toBe(first);
  });
});
