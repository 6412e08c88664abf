import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, deliveryEventKey, eventNameOfKey, signWebhookBody, verifyWebhookSignature } from './webhook-signature';

describe('canonicalJson', () => {
  it('sorts keys at every level, so a payload read back from jsonb renders the same bytes', () => {
    const written = { sentAt: 't', event: 'e', environment: { url: undefined, team: 'qa', name: 'n', tags: [{ b: 1, a: 2 }] } };
    const readBack = { environment: { name: 'n', tags: [{ a: 2, b: 1 }], team: 'qa' }, event: 'e', sentAt: 't' };
    expect(canonicalJson(written)).toBe('{"environment":{"name":"n","tags":[{"a":2,"b":1}],"team":"qa"},"event":"e","sentAt":"t"}');
    expect(canonicalJson(readBack)).toBe(canonicalJson(written));
  });
});

describe('signatures', () => {
  const body = '{"event":"environment.expiring"}';

  it('is the HMAC-SHA256 hex of the exact body', () => {
    expect(signWebhookBody('secret', body)).toBe(crypto.createHmac('sha256', 'secret').update(body).digest('hex'));
  });

  it('verifies only the right secret, the exact body and the sha256= form', () => {
    const header = `sha256=${signWebhookBody('secret', body)}`;
    expect(verifyWebhookSignature('secret', body, header)).toBe(true);
    expect(verifyWebhookSignature('other', body, header)).toBe(false);
    expect(verifyWebhookSignature('secret', `${body} `, header)).toBe(false);
    expect(verifyWebhookSignature('secret', body, signWebhookBody('secret', body))).toBe(false);
    expect(verifyWebhookSignature('secret', body, null)).toBe(false);
  });
});

describe('delivery event keys', () => {
  it('carry the expiry, and give back the plain event name', () => {
    const key = deliveryEventKey('environment.expiring', new Date('2026-05-01T10:00:00Z'));
    expect(key).toBe('environment.expiring@2026-05-01T10:00:00.000Z');
    expect(eventNameOfKey(key)).toBe('environment.expiring');
    expect(eventNameOfKey('environment.expired')).toBe('environment.expired');
  });
});
