import crypto from 'node:crypto';

/**
 * How a webhook body is written and signed. The payload is kept as JSON in the database
 * (jsonb, which reorders keys), so the body is always rendered canonically — keys sorted —
 * and the bytes signed when the delivery is recorded are the bytes sent on every attempt.
 */

export const SIGNATURE_HEADER = 'X-Clonedeck-Signature';
export const EVENT_HEADER = 'X-Clonedeck-Event';
export const DELIVERY_HEADER = 'X-Clonedeck-Delivery';

/** JSON with object keys sorted at every level; undefined members are left out, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const entries = Object.entries(value).filter(([, member]) => member !== undefined);
  entries.sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
  return Object.fromEntries(entries.map(([key, member]) => [key, sortKeys(member)]));
}

/** HMAC-SHA256 of the exact body with the team's shared secret, as lower-case hex. */
export function signWebhookBody(secret: string, body: string): string {
  return crypto.createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

/** The signature header's value: `sha256=<hex>`. */
export function signatureHeaderValue(signature: string): string {
  return `sha256=${signature}`;
}

/** For receivers (and tests): checks a `sha256=<hex>` header against the body, in constant time. */
export function verifyWebhookSignature(secret: string, body: string, header: string | null | undefined): boolean {
  const match = /^sha256=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const expected = Buffer.from(signWebhookBody(secret, body), 'hex');
  return crypto.timingSafeEqual(expected, Buffer.from(match[1]!, 'hex'));
}

/**
 * Deliveries are unique per (environment, event key). A warning is about one expiry, so its
 * key carries that expiry — `environment.expiring@2026-05-01T10:00:00.000Z` — and an
 * extension that moves the expiry gets a delivery of its own, while the earlier one stays
 * on record. The header and the payload carry the plain event name.
 */
export function deliveryEventKey(event: string, about: Date): string {
  return `${event}@${about.toISOString()}`;
}

export function eventNameOfKey(key: string): string {
  const at = key.indexOf('@');
  return at === -1 ? key : key.slice(0, at);
}
