import { describe, expect, it } from 'vitest';
import { describeAge, describeExpiry, describeDuration, expiryState } from './time-text';

const NOW = new Date('2026-03-01T12:00:00Z');
const LONG_AGO = '2025-01-01T00:00:00Z';
const inHours = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000).toISOString();

describe('describeExpiry', () => {
  it('counts down in days and hours, then hours and minutes', () => {
    expect(describeExpiry(inHours(6 * 24 + 3.5), NOW)).toBe('expires in 6 d 3 h');
    expect(describeExpiry(inHours(2 + 5 / 60), NOW)).toBe('expires in 2 h 5 min');
    expect(describeExpiry(inHours(48), NOW)).toBe('expires in 2 d');
    expect(describeExpiry(inHours(10 / 3600), NOW)).toBe('expires in 1 min');
  });

  it('says "expired" once the time has passed and "never" without an expiry', () => {
    expect(describeExpiry(inHours(0), NOW)).toBe('expired');
    expect(describeExpiry(inHours(-3), NOW)).toBe('expired');
    expect(describeExpiry(null, NOW)).toBe('never');
  });
});

describe('expiryState', () => {
  // Created long ago: the warning window, not 20 % of the lifetime, is the shorter one here.
  it('is "soon" inside the warning window, up to its edge', () => {
    expect(expiryState(LONG_AGO, inHours(23), NOW, 24)).toBe('soon');
    expect(expiryState(LONG_AGO, inHours(24), NOW, 24)).toBe('soon');
    expect(expiryState(LONG_AGO, inHours(25), NOW, 24)).toBe('later');
    expect(expiryState(LONG_AGO, inHours(30), NOW, 48)).toBe('soon');
  });

  it('does not call a clone born with a short lifetime "expiring soon"', () => {
    expect(expiryState(NOW.toISOString(), inHours(2), NOW, 24)).toBe('later');
  });

  it('tells expired and never-expiring environments apart', () => {
    expect(expiryState(LONG_AGO, inHours(-1), NOW, 24)).toBe('expired');
    expect(expiryState(LONG_AGO, null, NOW, 24)).toBe('never');
  });
});

describe('describeAge and describeDuration', () => {
  it('rounds down and keeps two units', () => {
    expect(describeDuration(90 * 60_000)).toBe('1 h 30 min');
    expect(describeDuration(0)).toBe('1 min');
    expect(describeAge(inHours(-3), NOW)).toBe('3 h ago');
    expect(describeAge(inHours(-0.001), NOW)).toBe('just now');
  });
});
