import { describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors';
import { BadRequestError, errorBody, HTTP_STATUS } from './errors';
import { RateLimiter, rateLimitFromEnv } from './rate-limit';
import { parseTtl } from './ttl';

describe('parseTtl', () => {
  it.each([
    ['2h', 2],
    ['1d', 24],
    ['1w', 168],
    ['3', 3],
    [' 12H ', 12],
    [5, 5],
  ] as const)('%j → %d hours', (text, hours) => expect(parseTtl(text)).toBe(hours));
  it.each(['', '0h', '2m', '1.5h', 'h', '-1d', 'never', 0, 1.5, -2])('refuses %j', (text) => expect(parseTtl(text)).toBeNull());
});

describe('error mapping', () => {
  it('maps codes to statuses and hides unknown errors', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const internal = errorBody(new Error('pg: relation "x" does not exist'));
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
    expect(internal).toEqual({ code: 'INTERNAL', message: expect.not.stringContaining('relation') });
    expect(errorBody(new BadRequestError('bad', { ttl: ['no'] }))).toEqual({
      code: 'BAD_REQUEST',
      message: 'bad',
      fieldErrors: { ttl: ['no'] },
    });
    expect(errorBody(new AppError('QUOTA', 'full'))).toEqual({ code: 'QUOTA', message: 'full' });
    expect([HTTP_STATUS.QUOTA, HTTP_STATUS.CONFLICT, HTTP_STATUS.TIMEOUT, HTTP_STATUS.RATE_LIMITED]).toEqual([422, 409, 503, 429]);
  });
});

describe('RateLimiter', () => {
  it('allows a burst, then refills at the configured rate', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 2, perMinute: 30, now: () => now });
    expect([limiter.take('a').allowed, limiter.take('a').allowed]).toEqual([true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 2 });
    expect(limiter.take('b').allowed).toBe(true);
    now += 2000;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('reads CLONEDECK_API_RATE_LIMIT, 60 by default, refusing nonsense by name', () => {
    expect(rateLimitFromEnv({})).toEqual({ burst: 60, perMinute: 60 });
    expect(rateLimitFromEnv({ CLONEDECK_API_RATE_LIMIT: '120' })).toEqual({ burst: 120, perMinute: 120 });
    expect(() => rateLimitFromEnv({ CLONEDECK_API_RATE_LIMIT: 'lots' })).toThrow(/CLONEDECK_API_RATE_LIMIT must be a whole number/);
  });
});
