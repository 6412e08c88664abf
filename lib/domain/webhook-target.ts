import dns from 'node:dns/promises';
import net from 'node:net';
import { ADDRESS_CLASS_TEXT, classifyAddress } from '@/lib/net/address-class';

/**
 * Where a webhook may be sent. The URL's host is resolved at delivery time and every
 * address it resolves to must be public — loopback, private, link-local, multicast,
 * unspecified and reserved addresses are refused — unless an administrator allow-listed the
 * host in Settings. The delivery then connects to the address checked here (see
 * webhook-http.ts), so a name cannot resolve to a public address for the check and to
 * 127.0.0.1 for the connection (DNS rebinding). Integer, hex and octal forms of IPv4
 * (http://2130706433/) are normalised by URL parsing before any of this.
 */

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export interface WebhookTarget {
  url: URL;
  /** The host as URL parsing normalised it, without IPv6 brackets. */
  host: string;
  /** The address to connect to: checked, never resolved again. */
  connectTo: ResolvedAddress;
}

export type TargetDecision = { ok: true; target: WebhookTarget } | { ok: false; final: boolean; reason: string };

export const systemResolver: Resolver = async (host) =>
  (await dns.lookup(host, { all: true, verbatim: true })).map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));

/** Host names as the allow-list and URLs compare them: lower-case, IPv6 without brackets. */
export function normalizeHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

function isAllowListed(host: string, allowedHosts: readonly string[]): boolean {
  return allowedHosts.some((allowed) => normalizeHost(allowed) === host);
}

const refusal = (host: string, address: string) =>
  `Refused: ${host} is ${ADDRESS_CLASS_TEXT[classifyAddress(address)]}, where webhooks may not go. An administrator can allow the host in Settings.`;

/**
 * Checked when a lead saves the URL, without resolving names (DNS may differ at delivery):
 * an internal IP literal, or a name that can only be local (localhost), is refused at once.
 */
export function webhookUrlProblem(text: string, allowedHosts: readonly string[]): string | null {
  const host = normalizeHost(new URL(text).hostname);
  if (isAllowListed(host, allowedHosts)) return null;
  if (host === 'localhost' || host.endsWith('.localhost')) return refusal(host, '127.0.0.1');
  if (net.isIP(host) && classifyAddress(host) !== 'public') return refusal(host, host);
  return null;
}

/** Resolves and checks the URL's host now, for one delivery attempt. */
export async function resolveWebhookTarget(
  text: string,
  allowedHosts: readonly string[],
  resolve: Resolver = systemResolver,
): Promise<TargetDecision> {
  const url = new URL(text);
  const host = normalizeHost(url.hostname);
  let addresses: ResolvedAddress[];
  if (net.isIP(host)) {
    addresses = [{ address: host, family: net.isIP(host) === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await resolve(host);
    } catch {
      addresses = [];
    }
    // A name that does not resolve now may resolve later: retried like a failed connection.
    if (addresses.length === 0) return { ok: false, final: false, reason: `The webhook host ${host} does not resolve.` };
  }
  if (!isAllowListed(host, allowedHosts)) {
    const internal = addresses.find((entry) => classifyAddress(entry.address) !== 'public');
    if (internal) return { ok: false, final: true, reason: refusal(host, internal.address) };
  }
  return { ok: true, target: { url, host, connectTo: addresses[0]! } };
}
