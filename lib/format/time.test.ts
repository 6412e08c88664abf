import { describe, expect, it } from 'vitest';
import { expiryState, formatAge, formatDay, formatDuration, formatExpiry, formatHours, formatNameStamp, formatTimestamp } from './time';

const NOW = new Date('2026-11-21T09:30:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const later = (milliseconds: number) => new Date(NOW.getTime() + milliseconds).toISOString();

describe('formatTimestamp and formatDay', () => {
  it('write UTC to the minute, whatever the input type', () => {
    expect(formatTimestamp('2026-11-21T09:05:59.999Z')).toBe('2026-11-21 09:05 UTC');
    expect(formatTimestamp(new Date('2026-01-02T23:59:00+02:00'))).toBe('2026-01-02 21:59 UTC');
    expect(formatTimestamp(Date.parse('2026-03-04T05:06:07Z'))).toBe('2026-03-04 05:06 UTC');
    expect(formatDay('2026-11-21T23:59:00Z')).toBe('2026-11-21');
    expect(formatNameStamp(new Date('2026-01-02T03:04:59Z'))).toBe('20260102_0304');
  });

  it('return text that is not a time as it is', () => {
    expect(formatTimestamp('not a date')).toBe('not a date');
    expect(formatDay('soon')).toBe('soon');
  });
});

describe('formatDuration', () => {
  it('keeps the two largest units, rounded down', () => {
    expect(formatDuration(25 * HOUR + 5 * MINUTE)).toBe('1 d 1 h');
    expect(formatDuration(48 * HOUR)).toBe('2 d');
    expect(formatDuration(HOUR + 5 * MINUTE)).toBe('1 h 5 min');
    expect(formatDuration(3 * HOUR)).toBe('3 h');
    expect(formatDuration(45 * MINUTE + 59_999)).toBe('45 min');
    expect(formatDuration(-2 * HOUR)).toBe('2 h');
    expect(formatDuration(30_000)).toBe('less than a minute');
  });
});

describe('formatExpiry', () => {
  it('counts down to the expiry, and up after it', () => {
    expect(formatExpiry(later(7 * 24 * HOUR - MINUTE), NOW)).toBe('Expires in 6 d 23 h');
    expect(formatExpiry(later(2 * HOUR + 5 * MINUTE), NOW)).toBe('Expires in 2 h 5 min');
    expect(formatExpiry(later(-2 * HOUR), NOW)).toBe('Expired 2 h ago');
    expect(formatExpiry(later(0), NOW)).toBe('Expired less than a minute ago');
    expect(formatExpiry(null, NOW)).toBe('Never expires');
  });
});

describe('formatAge', () => {
  it('says how long ago, or just now', () => {
    expect(formatAge(later(-3 * HOUR), NOW)).toBe('3 h ago');
    expect(formatAge(later(-1000), NOW)).toBe('just now');
  });
});

describe('expiryState', () => {
  it('is "soon" inside the warning window, up to its edge', () => {
    expect(expiryState(later(23 * HOUR), NOW, 24)).toBe('soon');
    expect(expiryState(later(24 * HOUR), NOW, 24)).toBe('soon');
    expect(expiryState(later(25 * HOUR), NOW, 24)).toBe('later');
    expect(expiryState(later(30 * HOUR), NOW, 48)).toBe('soon');
  });

  it('tells expired and never-expiring environments apart', () => {
    expect(expiryState(later(-HOUR), NOW, 24)).toBe('expired');
    expect(expiryState(later(0), NOW, 24)).toBe('expired');
    expect(expiryState(null, NOW, 24)).toBe('never');
  });
});

describe('formatHours', () => {
  it('uses days for whole days only', () => {
    expect(formatHours(1)).toBe('1 hour');
    expect(formatHours(2)).toBe('2 hours');
    expect(formatHours(24)).toBe('1 day');
    expect(formatHours(72)).toBe('3 days');
    expect(formatHours(36)).toBe('36 hours');
  });
});
