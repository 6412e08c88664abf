import { describe, expect, it } from 'vitest';
import { safeCallbackPath, signInErrorMessage } from './callback-url';

describe('safeCallbackPath', () => {
  it('keeps paths on this site', () => {
    expect(safeCallbackPath('/environments?team=qa')).toBe('/environments?team=qa');
  });

  it('refuses other sites, protocol-relative URLs and the sign-in page itself', () => {
    for (const value of ['https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/sign-in', undefined, 42]) {
      expect(safeCallbackPath(value)).toBe('/');
    }
  });
});

describe('signInErrorMessage', () => {
  it('explains known next-auth errors and falls back for unknown ones', () => {
    expect(signInErrorMessage('CredentialsSignin')).toBe('Wrong email or password.');
    expect(signInErrorMessage('SomethingNew')).toBe('Sign-in failed. Try again.');
    expect(signInErrorMessage(undefined)).toBeNull();
  });
});
