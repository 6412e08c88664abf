import { describe, expect, it } from 'vitest';
import { expiringSoonFrom, expiryStateAt, expiryStateOf } from './expiry-window';

const HOUR = 3_600_000;
const created = new Date('2026-12-01T00:00:00Z');
const at = (hours: number) => new Date(created.getTime() + hours * HOUR);

describe('expiring soon, relative to lifetime', () => {
  it('uses the last 20 % of a short lifetime rather than the whole warning window', () => {
    // Two hours to live under a 24-hour window: soon only in the last 24 minutes.
    expect(expiringSoonFrom(created, at(2), 24)).toEqual(new Date(at(2).getTime() - 0.4 * HOUR));
    expect(expiryStateAt(created, at(2), created, 24)).toBe('later');
    expect(expiryStateAt(created, at(2), at(1.5), 24)).toBe('later');
    expect(expiryStateAt(created, at(2), at(1.7), 24)).toBe('soon');
  });

  it('caps a long lifetime at the warning window', () => {
    // 30 days: 20 % would be 6 days; the 24-hour window is shorter.
    expect(expiringSoonFrom(created, at(720), 24)).toEqual(at(696));
    expect(expiryStateAt(created, at(720), at(695), 24)).toBe('later');
    expect(expiryStateAt(created, at(720), at(697), 24)).toBe('soon');
  });

  it('says never without an expiry and expired once it has passed', () => {
    expect(expiryStateAt(created, null, at(5), 24)).toBe('never');
    expect(expiryStateAt(created, at(2), at(2), 24)).toBe('expired');
  });

  it('reads the ISO strings views carry', () => {
    expect(expiryStateOf(created.toISOString(), at(2).toISOString(), at(1.9), 24)).toBe('soon');
    expect(expiryStateOf(created.toISOString(), null, at(1.9), 24)).toBe('never');
  });

  it('lengthens the lifetime when the expiry moves out', () => {
    expect(expiryStateAt(created, at(2), at(1.9), 24)).toBe('soon');
    expect(expiryStateAt(created, at(10), at(1.9), 24)).toBe('later');
  });
});
