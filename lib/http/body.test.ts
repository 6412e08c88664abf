import { describe, expect, it } from 'vitest';
import { PayloadTooLargeError, readBodyBytes, readBodyText } from './body';
import { endlessBody } from './testing';

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://localhost/x', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('readBodyBytes', () => {
  it('reads a body within the limit', async () => {
    expect(await readBodyText(post('{"a":1}'), 100)).toBe('{"a":1}');
  });

  it('refuses a declared length over the limit without reading anything', async () => {
    const body = endlessBody(10 * 1024 * 1024);
    const request = post(body.stream, { 'content-length': String(10 * 1024 * 1024) });
    await expect(readBodyBytes(request, 8192)).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(body.pulled()).toBeLessThanOrEqual(64 * 1024 * 2);
  });

  it('stops reading a chunked body (no length) as soon as it passes the limit', async () => {
    const body = endlessBody(200 * 1024 * 1024);
    await expect(readBodyBytes(post(body.stream), 8192)).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(body.pulled()).toBeLessThan(1024 * 1024);
  });

  it('does not trust an understated Content-Length', async () => {
    const body = endlessBody(1024 * 1024);
    const request = new Request('http://localhost/x', { method: 'POST', body: body.stream, duplex: 'half' } as RequestInit);
    request.headers.set('content-length', '10');
    await expect(readBodyBytes(request, 8192)).rejects.toBeInstanceOf(PayloadTooLargeError);
  });
});
