import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { proxy } from '@/proxy';
import { urlHasControlCharacters } from './hostile-url';

beforeAll(() => {
  vi.stubEnv('NEXTAUTH_SECRET', 'proxy-test-secret-0123456789abcdef');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe('page addresses with control characters', () => {
  it('are recognised, encoded or not', () => {
    for (const path of ['/environments/%00', '/audit?actor=%00', '/teams/%0a', '/x?y=%7F', '/a%2500b', '/bad%zz']) {
      expect([path, urlHasControlCharacters(new URL(`http://localhost${path}`))]).toEqual([path, !path.includes('%2500')]);
    }
    expect(urlHasControlCharacters(new URL('http://localhost/environments/abc?team=%C3%A9quipe'))).toBe(false);
  });

  it('get 400 from the proxy, before any page runs; others still go to sign-in', async () => {
    for (const path of ['/environments/%00', '/teams/%00', '/audit?actor=%00', '/audit/export?team=%1b']) {
      const response = await proxy(new NextRequest(`http://localhost${path}`));
      expect([path, response.status]).toEqual([path, 400]);
    }
    const ordinary = await proxy(new NextRequest('http://localhost/environments/abc'));
    expect([ordinary.status, ordinary.headers.get('location')]).toEqual([
      307,
      'http://localhost/sign-in?callbackUrl=%2Fenvironments%2Fabc',
    ]);
  });
});
