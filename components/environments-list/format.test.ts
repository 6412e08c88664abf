import { describe, expect, it } from 'vitest';
import { expiryText, relativeTime, utcMinutes } from './format';

const now = new Date('2026-11-21T12:00:00Z');
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

describe('relativeTime', () => {
  it('uses the largest whole unit, in both directions', () => {
    expect(relativeTime(at(3 * 86_400_000 + 5 * 3_600_000), now)).toBe('in 3 days');
    expect(relativeTime(at(86_400_000), now)).toBe('in 1 day');
    expect(relativeTime(at(-2 * 3_600_000 - 59_000), now)).toBe('2 hours ago');
    expect(relativeTime(at(90_000), now)).toBe('in 1 minute');
    expect(relativeTime(at(-20_000), now)).toBe('now');
  });
});

describe('expiryText', () => {
  it('says never, in …, or expired … ago', () => {
    expect(expiryText(null, now)).toBe('never');
    expect(expiryText(at(6 * 86_400_000).toISOString(), now)).toBe('in 6 days');
    expect(expiryText(at(-3_600_000).toISOString(), now)).toBe('expired 1 hour ago');
  });
});

describe('utcMinutes', () => {
  it('prints an ISO time to the minute, in UTC', () => {
    expect(utcMinutes('2026-11-21T09:30:12.345Z')).toBe('2026-11-21 09:30 UTC');
  });
});
