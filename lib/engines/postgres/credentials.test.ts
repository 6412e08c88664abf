import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newPassword, PasswordBox, scramVerifier } from './credentials';
import { postgresDialect } from './dialect';
import { RESET_ROLES_SQL } from './setup-sql';

describe('PostgreSQL engine credentials', () => {
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

  it('quotes what it writes into SQL', () => {
    expect(RESET_ROLES_SQL).toContain('ALTER ROLE app_readonly PASSWORD NULL');
    expect(RESET_ROLES_SQL).toContain('ALTER ROLE app_readonly SET default_transaction_read_only = on');
    expect(() => postgresDialect.describe({ kind: 'dropDatabase', database: 'x"; DROP' })).toThrow(/Invalid database name/);
    const clone = postgresDialect.describe({ kind: 'cloneDatabase', request: { source: 'prod', target: 'qa_1', from: { kind: 'now' } } });
    expect(clone.map((statement) => statement.sql)).toEqual([
      "SELECT pg_backup_start('clonedeck', true);",
      '-- copy databases/prod to databases/qa_1',
      'SELECT labelfile FROM pg_backup_stop(false);',
      'ALTER DATABASE "prod" RENAME TO "qa_1";',
    ]);
  });
});
