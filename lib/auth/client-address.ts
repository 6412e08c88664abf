import http from 'node:http';
import net from 'node:net';
import { configFrom, type EnvVars } from '@/lib/config';

/**
 * The client's address, for throttling sign-ins per address. Next.js keeps an
 * X-Forwarded-For the client sent (it only fills it in when absent), so that header alone
 * would let anyone pick their address. The server instead stamps each request with the
 * socket's peer address in a header of its own, overwriting whatever the client put there;
 * X-Forwarded-For is believed only when that peer is a proxy the operator named in
 * CLONEDECK_TRUSTED_PROXIES (e.g. `127.0.0.1` for a reverse proxy on the same host).
 */
export const PEER_ADDRESS_HEADER = 'x-clonedeck-peer-address';

const globals = globalThis as typeof globalThis & { __clonedeckPeerStamp?: boolean };

/** Called once at server start (instrumentation.ts). */
export function stampPeerAddresses(): void {
  if (globals.__clonedeckPeerStamp) return;
  globals.__clonedeckPeerStamp = true;
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function stampingEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const request = args[0] as http.IncomingMessage;
      request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? '';
    }
    return emit.call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
}

function trustedProxies(env: EnvVars): Set<string> {
  return new Set(configFrom(env).CLONEDECK_TRUSTED_PROXIES.map(normalizeAddress));
}

/** `::ffff:10.0.0.1` and `10.0.0.1` are one client. */
function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address.toLowerCase();
}

/** The client address for a request's headers; 'unknown' when the server did not stamp it (e.g. a test). */
export function clientAddress(headers: Record<string, string | string[] | undefined>, env: EnvVars = process.env): string {
  const stamped = headers[PEER_ADDRESS_HEADER];
  const peer = normalizeAddress(typeof stamped === 'string' ? stamped : '');
  if (!net.isIP(peer)) return 'unknown';
  const proxies = trustedProxies(env);
  if (!proxies.has(peer)) return peer;
  // Behind trusted proxies: the nearest address that is not one of them.
  const forwarded = headers['x-forwarded-for'];
  const hops = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .map((hop) => normalizeAddress(hop.trim()))
    .filter((hop) => net.isIP(hop));
  for (let index = hops.length - 1; index >= 0; index--) if (!proxies.has(hops[index]!)) return hops[index]!;
  return peer;
}
