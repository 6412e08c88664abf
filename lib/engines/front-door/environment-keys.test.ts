import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { isAppError } from '@/lib/errors';
import { scramExchange } from '../testing/scram-client';
import { PasswordBox } from './credentials';
import { credentialsExpired, EnvironmentKeys, type SealedCredentials, validUntilStep, withValidUntil } from './environment-keys';
import { parseVerifier } from './scram';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-keys-'));
const keys = new EnvironmentKeys(PasswordBox.open(dir));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const NOW = new Date('2030-06-01T12:00:00.000Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

const validationOf = (work: () => unknown) => {
  try {
    work();
    return null;
  } catch (error) {
    return isAppError(error) ? error.code : String(error);
  }
};

describe("a database's credentials and their valid-until instant", () => {
  it('are valid with no end until given an instant, then valid strictly before it (the reaper counts expiresAt <= now as expired)', () => {
    const credentials = keys.freshCredentials();
    expect(credentials.validUntil).toBeUndefined();
    expect(credentialsExpired(credentials, NOW)).toBe(false);
    expect(credentialsExpired(withValidUntil(credentials, later(1)), NOW)).toBe(false);
    expect(credentialsExpired(withValidUntil(credentials, NOW), NOW)).toBe(true);
    expect(credentialsExpired(withValidUntil(credentials, later(-1)), NOW)).toBe(true);
  });

  it('keep their passwords when the instant is set, moved or cleared, and a rotation keeps the instant', () => {
    const credentials = keys.freshCredentials();
    const limited = withValidUntil(credentials, NOW);
    expect(limited).toEqual({ ...credentials, validUntil: '2030-06-01T12:00:00.000Z' });
    expect(withValidUntil(limited, null)).toEqual(credentials);
    expect(withValidUntil(limited, later(3_600_000)).validUntil).toBe('2030-06-01T13:00:00.000Z');
    const rotated = keys.rotated(limited);
    expect(rotated.validUntil).toBe(limited.validUntil);
    expect([rotated.readWrite, rotated.readOnly]).not.toContain(limited.readWrite);
    expect(keys.rotated(credentials).validUntil).toBeUndefined();
  });

  it('refuse an instant that is not a date, and count one that cannot be read as past (fail closed)', () => {
    const credentials = keys.freshCredentials();
    expect(validationOf(() => withValidUntil(credentials, new Date(Number.NaN)))).toBe('VALIDATION');
    expect(validationOf(() => withValidUntil(credentials, '2030-01-01' as unknown as Date))).toBe('VALIDATION');
    expect(validationOf(() => validUntilStep('env', "2030-01-01'; DROP TABLE x; --\n"))).toBe('VALIDATION');
    expect(credentialsExpired({ ...credentials, validUntil: 'not a date' } as SealedCredentials, NOW)).toBe(true);
  });

  it('let the right password in before the instant; from it on, the same password fails like a wrong one, against the same salt, with a log line', () => {
    const credentials = keys.freshCredentials();
    const record = { credentials: withValidUntil(credentials, NOW) };
    const password = keys.reveal(record, 'read-write').password;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const before = keys.admission('qa_env', record, 'read-write', later(-1));
      expect(before).toBe(keys.verifier(record, 'read-write'));
      expect(scramExchange(before, password)).not.toBeNull();
      expect(warn).not.toHaveBeenCalled();

      for (const access of ['read-write', 'read-only'] as const) {
        const after = keys.admission('qa_env', record, access, NOW);
        const real = parseVerifier(keys.verifier(record, access));
        expect(parseVerifier(after)).toMatchObject({ iterations: real.iterations, salt: real.salt });
        expect(scramExchange(after, keys.reveal(record, access).password)).toBeNull();
      }
      expect(warn.mock.calls.map(([line]) => String(line))).toEqual([
        '[clonedeck] front door: app on qa_env refused: the environment expired (its credentials were valid until 2030-06-01T12:00:00.000Z)',
        '[clonedeck] front door: app_readonly on qa_env refused: the environment expired (its credentials were valid until 2030-06-01T12:00:00.000Z)',
      ]);
      // Cleared (an extension to "never", protection): the same password gets in again.
      expect(scramExchange(keys.admission('qa_env', { credentials }, 'read-write', later(1e12)), password)).not.toBeNull();
    } finally {
      warn.mockRestore();
    }
  });
});
