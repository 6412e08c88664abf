import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from './password';

describe('password hashing', () => {
  it('accepts the right password and rejects others', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash, and stores the scrypt parameters with it', async () => {
    const first = await hashPassword('same password');
    const second = await hashPassword('same password');
    expect(first).not.toBe(second);
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(first).not.toContain('same password');
    expect(needsRehash(first)).toBe(false);
  });

  it('verifies hashes made with other (older) parameters, and flags them for rehashing', async () => {
    const stored = await hashPassword('pw');
    const [, , , , salt] = stored.split('$');
    // A hash of "pw" made with N=2^14, r=8, p=1 and the same salt, computed independently.
    const crypto = await import('node:crypto');
    const older = crypto.scryptSync('pw', Buffer.from(salt ?? '', 'base64url'), 32, { N: 2 ** 14, r: 8, p: 1 });
    const olderStored = `scrypt$16384$8$1$${salt}$${older.toString('base64url')}`;
    expect(await verifyPassword('pw', olderStored)).toBe(true);
    expect(needsRehash(olderStored)).toBe(true);
  });

  it('rejects malformed or dangerous stored hashes instead of throwing', async () => {
    for (const stored of ['', 'plaintext', 'scrypt$1$8$1$c2FsdA$aGFzaA', 'scrypt$1073741824$8$1$c2FsdA$aGFzaA', 'bcrypt$2b$10$abc']) {
      expect(await verifyPassword('pw', stored)).toBe(false);
    }
  });

  it('treats Unicode compositions of the same text as the same password', async () => {
    const stored = await hashPassword('caf\u00e9');
    expect(await verifyPassword('cafe\u0301', stored)).toBe(true);
  });
});
