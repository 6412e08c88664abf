import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { CLONE_FUNCTION_PROBE, detectYugabyteVersion, yugabyteVersionFromString } from './version';

describe('reading YugabyteDB version() output', () => {
  it.each([
    ['PostgreSQL 11.2-YB-2.20.1.0-b0 on x86_64-pc-linux-gnu, compiled by clang', '2.20.1.0', '11.2'],
    ['PostgreSQL 15.2-YB-2025.1.0.0-b0 on x86_64-pc-linux-gnu, compiled by clang', '2025.1.0.0', '15.2'],
  ])('%s', (text, release, postgres) => {
    expect(yugabyteVersionFromString(text)).toEqual({ release, postgres, label: `YugabyteDB ${release} (PostgreSQL ${postgres})` });
  });

  it('refuses plain PostgreSQL, naming it', () => {
    expect(() => yugabyteVersionFromString('PostgreSQL 15.20 (Debian 15.20-0+deb12u1) on x86_64-pc-linux-gnu')).toThrowError(
      /PostgreSQL 15\.20, not YugabyteDB/,
    );
  });
});

describe('detecting a server that can clone', () => {
  const yb = 'PostgreSQL 11.2-YB-2024.2.0.0-b0 on x86_64';

  it('needs yb_database_clones()', async () => {
    const withClone = async (sql: string) => (sql === CLONE_FUNCTION_PROBE ? 'true' : yb);
    expect((await detectYugabyteVersion(withClone)).release).toBe('2024.2.0.0');
    const without = async (sql: string) => (sql === CLONE_FUNCTION_PROBE ? 'false' : yb);
    const error = await detectYugabyteVersion(without).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('UNSUPPORTED');
    expect((error as AppError).message).toMatch(/enable_db_clone/);
  });
});
