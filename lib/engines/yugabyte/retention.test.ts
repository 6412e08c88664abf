import { describe, expect, it } from 'vitest';
import { DEFAULT_HISTORY_RETENTION, earliestPoint, parseRetention } from './retention';

const MINUTE = 60_000_000n;

describe('YUGABYTE_HISTORY_RETENTION', () => {
  it('defaults to one day for every database', () => {
    expect(DEFAULT_HISTORY_RETENTION).toBe('1d');
    expect(parseRetention(undefined).forDatabase('anything')).toBe(1440n * MINUTE);
    expect(parseRetention('  ').forDatabase('anything')).toBe(1440n * MINUTE);
  });

  it('reads units, and bare numbers as minutes like yb-admin', () => {
    expect(parseRetention('3d').forDatabase('prod')).toBe(4320n * MINUTE);
    expect(parseRetention('12h').forDatabase('prod')).toBe(720n * MINUTE);
    expect(parseRetention('4320').forDatabase('prod')).toBe(4320n * MINUTE);
  });

  it('reads a list per database; a database it does not cover has no schedule', () => {
    const policy = parseRetention('prod=3d, staging=12h');
    expect(policy.forDatabase('prod')).toBe(4320n * MINUTE);
    expect(policy.forDatabase('staging')).toBe(720n * MINUTE);
    expect(policy.forDatabase('dev')).toBeNull();
    expect(parseRetention('prod=3d,*=1h').forDatabase('dev')).toBe(60n * MINUTE);
  });

  it.each(['3 days', '0', '-1d', 'prod=', 'prod=3d=1', '=3d'])('rejects "%s"', (text) => {
    expect(() => parseRetention(text)).toThrow(/YUGABYTE_HISTORY_RETENTION/);
  });

  it('gives the earliest clonable point', () => {
    const now = 1_740_000_000_000_000n;
    expect(earliestPoint(parseRetention('90m'), 'prod', now)).toBe(now - 90n * MINUTE);
    expect(earliestPoint(parseRetention('prod=1h'), 'dev', now)).toBeNull();
  });
});
