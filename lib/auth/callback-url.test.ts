import { describe, expect, it } from 'vitest';
import { safeCallbackPath, signInErrorMessage } from './callback-url';
import { redirectWithinSite } from './options';

/** What an attacker puts in `?callbackUrl=` after Next.js has decoded the query once. */
const OFF_SITE = [
  'https://evil.example/',
  '//evil.example',
  '/\\evil.example',
  '/\t/evil.example/x', // the reported attack: /%09/host/x
  '/\n/evil.example',
  '/\r//evil.example',
  '/%09/evil.example/x', // decoded once more on the way
  '/%0a/evil.example',
  '/%5Cevil.example',
  '/%2F/evil.example',
  '/%2f%2fevil.example',
  '/\u0000/x',
  '/%00',
  '/\u0085/evil.example',
  'javascript:alert(1)',
  '/sign-in',
  '/api/auth/signout',
  undefined,
  42,
  `/${'a'.repeat(3000)}`,
];

describe('safeCallbackPath', () => {
  it('keeps paths on this site', () => {
    expect(safeCallbackPath('/environments?team=qa')).toBe('/environments?team=qa');
    expect(safeCallbackPath('/environments/abc#history')).toBe('/environments/abc#history');
  });

  it('refuses other sites, control characters, backslashes and // (raw or percent-encoded), and the sign-in page', () => {
    for (const value of OFF_SITE) expect([value, safeCallbackPath(value)]).toEqual([value, '/']);
  });

  it('returns what is safe in a Location header: non-ASCII percent-encoded', () => {
    expect(safeCallbackPath('/teams?name=équipe')).toBe('/teams?name=%C3%A9quipe');
  });
});

describe("next-auth's redirect callback", () => {
  const base = 'https://clonedeck.example';
  it('stays on the site whatever next-auth is asked to redirect to', () => {
    for (const value of OFF_SITE) {
      const target = typeof value === 'string' ? value : '';
      if (target !== '/sign-in') expect(redirectWithinSite(target, base)).toBe(`${base}/`);
      expect(new URL(redirectWithinSite(`${base}${target}`, base)).origin).toBe(base);
    }
    expect(redirectWithinSite(`${base}/storage`, base)).toBe(`${base}/storage`);
    expect(redirectWithinSite('/audit?team=qa', `${base}/`)).toBe(`${base}/audit?team=qa`);
    expect(redirectWithinSite('/sign-in', base)).toBe(`${base}/sign-in`);
  });
});

describe('signInErrorMessage', () => {
  it('explains known next-auth errors and falls back for unknown ones', () => {
    expect(signInErrorMessage('CredentialsSignin')).toBe('Wrong email or password.');
    expect(signInErrorMessage('SomethingNew')).toBe('Sign-in failed. Try again.');
    expect(signInErrorMessage(undefined)).toBeNull();
    expect(signInErrorMessage('TooManyAttempts:8')).toBe(
      'Too many failed sign-ins for this account or from your network. Wait 8 seconds, then try again.',
    );
    expect(signInErrorMessage('TooManyAttempts:900')).toMatch(/Wait 15 minutes/);
  });
});
