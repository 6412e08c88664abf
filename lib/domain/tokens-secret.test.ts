import { describe, expect, it } from 'vitest';
import { bearerToken, generateToken, hashToken, looksLikeToken } from './tokens-secret';

describe('token format', () => {
  it('generates distinct cdk_ tokens whose prefix and hash match', () => {
    const first = generateToken();
    const second = generateToken();
    expect(first.plaintext).not.toBe(second.plaintext);
    expect(looksLikeToken(first.plaintext)).toBe(true);
    expect(first.plaintext.startsWith(`${first.prefix}_`)).toBe(true);
    expect(first.hash).toBe(hashToken(first.plaintext));
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads bearer headers', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer  abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken(null)).toBeNull();
    expect(looksLikeToken('cdk_short_x')).toBe(false);
  });
});
