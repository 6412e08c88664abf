import { describe, expect, it } from 'vitest';
import { isSealed, openSecret, sealSecret } from './sealed-secrets';

const SERVER = 'server-secret-0123456789abcdef';

describe('sealed secrets', () => {
  it('round-trips, with a fresh IV each time and no plaintext in the stored value', () => {
    const first = sealSecret('qa-webhook-secret-1', SERVER, 'webhook', 'team-1');
    const second = sealSecret('qa-webhook-secret-1', SERVER, 'webhook', 'team-1');
    expect(first).not.toBe(second);
    expect(isSealed(first)).toBe(true);
    expect(first).not.toContain('qa-webhook');
    expect(openSecret(first, SERVER, 'webhook', 'team-1')).toBe('qa-webhook-secret-1');
  });

  it('does not open under another server secret, purpose or row, nor once altered', () => {
    const sealed = sealSecret('qa-webhook-secret-1', SERVER, 'webhook', 'team-1');
    expect(openSecret(sealed, 'another-server-secret', 'webhook', 'team-1')).toBeNull();
    expect(openSecret(sealed, SERVER, 'other', 'team-1')).toBeNull();
    expect(openSecret(sealed, SERVER, 'webhook', 'team-2')).toBeNull();
    const flipped = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;
    expect(openSecret(flipped, SERVER, 'webhook', 'team-1')).toBeNull();
    expect(openSecret('qa-webhook-secret-1', SERVER, 'webhook', 'team-1')).toBeNull();
  });
});
