import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { clientAddress, PEER_ADDRESS_HEADER, stampPeerAddresses } from './client-address';

describe('the client address', () => {
  it('is the socket peer, stamped over whatever the client sent; X-Forwarded-For alone is not believed', async () => {
    stampPeerAddresses();
    const seen: Array<Record<string, string | string[] | undefined>> = [];
    const server = http.createServer((request, response) => {
      seen.push(request.headers);
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_ADDRESS_HEADER]: '203.0.113.9', 'x-forwarded-for': '198.51.100.4' } });
    await new Promise((resolve) => server.close(resolve));
    expect(seen[0]![PEER_ADDRESS_HEADER]).toBe('127.0.0.1');
    expect(clientAddress(seen[0]!, {})).toBe('127.0.0.1');
  });

  it('follows X-Forwarded-For only through proxies the operator trusts', () => {
    const headers = { [PEER_ADDRESS_HEADER]: '::ffff:127.0.0.1', 'x-forwarded-for': '6.6.6.6, 198.51.100.4' };
    expect(clientAddress(headers, {})).toBe('127.0.0.1');
    expect(clientAddress(headers, { CLONEDECK_TRUSTED_PROXIES: '127.0.0.1' })).toBe('198.51.100.4');
    expect(
      clientAddress({ ...headers, 'x-forwarded-for': '198.51.100.4, 10.0.0.2' }, { CLONEDECK_TRUSTED_PROXIES: '127.0.0.1,10.0.0.2' }),
    ).toBe('198.51.100.4');
    expect(clientAddress({}, {})).toBe('unknown');
  });
});
