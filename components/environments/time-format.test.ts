import { describe, expect, it } from 'vitest';
import { expiresSoon, formatCountdown, formatSpan, formatTimestamp } from './time-format';

const now = new Date('2026-11-21T09:30:00Z');
const later = (milliseconds: number) => new Date(now.getTime() + milliseconds).toISOString();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('formatTimestamp', () => {
  it('writes UTC the same way everywhere', () => {
    expect(formatTimestamp('2026-11-21T09:05:59.999Z')).toBe('2026-11-21 09:05 UTC');
    expect(formatTimestamp('not a date')).toBe('not a date');
  });
});

describe('formatSpan', () => {
  it('keeps the two largest units', () => {
    expect(formatSpan(25 * HOUR + 5 * MINUTE)).toBe('1 d 1 h');
    expect(formatSpan(48 * HOUR)).toBe('2 d');
    expect(formatSpan(HOUR + 5 * MINUTE)).toBe('1 h 5 min');
    expect(formatSpan(3 * HOUR)).toBe('3 h');
    expect(formatSpan(45 * MINUTE + 30_000)).toBe('45 min');
    expect(formatSpan(30_000)).toBe('less than a minute');
  });
});

describe('formatCountdown', () => {
  it('counts down to the expiry, and up after it', () => {
    expect(formatCountdown(later(7 * 24 * HOUR - MINUTE), now)).toBe('Expires in 6 d 23 h');
    expect(formatCountdown(later(-2 * HOUR), now)).toBe('Expired 2 h ago');
    expect(formatCountdown(null, now)).toBe('Never expires');
  });

  it('flags the last day', () => {
    expect(expiresSoon(later(23 * HOUR), now)).toBe(true);
    expect(expiresSoon(later(25 * HOUR), now)).toBe(false);
    expect(expiresSoon(null, now)).toBe(false);
  });
});
