import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { endlessBody } from '@/lib/http/testing';
import { boundedAuthRequest } from './bounded-request';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const signInPost = (body: BodyInit) =>
  new NextRequest('http://localhost/api/auth/callback/credentials', {
    method: 'POST',
    headers: FORM,
    body,
    duplex: 'half',
  } as ConstructorParameters<typeof NextRequest>[1]);

describe('the next-auth route reads its body with a ceiling', () => {
  it('answers 413 to a huge sign-in POST without reading it all', async () => {
    const body = endlessBody(200 * 1024 * 1024);
    const answer = await boundedAuthRequest(signInPost(body.stream));
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(413);
    expect(body.pulled()).toBeLessThan(1024 * 1024);
  });

  it('answers 400 to a NUL in a field, raw or percent-encoded', async () => {
    for (const text of ['email=a%00b%40x.io&password=p', 'callbackUrl=/\u0000x&password=p']) {
      const answer = await boundedAuthRequest(signInPost(text));
      expect((answer as Response).status).toBe(400);
    }
  });

  it('answers 400 to a NUL in the query (callbackUrl) before next-auth sees it', async () => {
    const answer = await boundedAuthRequest(new NextRequest('http://localhost/api/auth/signin?callbackUrl=%00'));
    expect((answer as Response).status).toBe(400);
  });

  it('hands an ordinary form on, readable by next-auth', async () => {
    const answer = await boundedAuthRequest(signInPost('email=qa%40clonedeck.local&password=secret&csrfToken=abc'));
    expect(answer).toBeInstanceOf(NextRequest);
    const request = answer as NextRequest;
    expect(Object.fromEntries(new URLSearchParams(await request.text()))).toEqual({
      email: 'qa@clonedeck.local',
      password: 'secret',
      csrfToken: 'abc',
    });
    expect(request.nextUrl.pathname).toBe('/api/auth/callback/credentials');
  });
});
