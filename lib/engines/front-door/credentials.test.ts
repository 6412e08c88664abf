import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newPassword, PasswordBox, scramVerifier } from './credentials';

describe('environment credentials', () => {
  it('makes verifiers in the form pg_authid keeps, never containing the password', () => {
    const password = newPassword();
    const verifier = scramVerifier(password, Buffer.alloc(16, 7));
    expect(verifier).toMatch(/^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$/);
    expect(verifier).not.toContain(password);
    expect(scramVerifier(password, Buffer.alloc(16, 7))).toBe(verifier);
    expect(scramVerifier(password)).not.toBe(verifier);
  });

  it('seals passwords so only the store key opens them, and a tampered seal fails', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-box-'));
    try {
      const box = PasswordBox.open(dir);
      const sealed = box.seal('s3cret');
      expect(sealed).not.toContain('s3cret');
      expect(PasswordBox.open(dir).open(sealed)).toBe('s3cret');
      expect(fs.statSync(path.join(dir, 'credentials.key')).mode & 0o777).toBe(0o600);
      const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
      expect(() => box.open(tampered)).toThrow();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
