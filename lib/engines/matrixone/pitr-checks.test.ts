import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import type { PitrInfo } from '@/lib/engines/types';
import { assertPitrCoversDatabase, assertPitrNameFree, assertWithinPitrWindow, findPitrOrThrow } from './pitr-checks';

function codeOf(run: () => void): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
}

const range = { value: 1, unit: 'd' } as const;
const pitrs: PitrInfo[] = [
  { name: 'p_db', level: 'database', database: 'prod', range },
  { name: 'p_acc', level: 'account', range },
  { name: 'p_tbl', level: 'table', database: 'prod', range },
  { name: 'p_cl', level: 'cluster', range },
];

describe('PITR checks made before MatrixOne answers with its generic 20101', () => {
  it('finds a PITR or says NOT_FOUND, and refuses a taken name with CONFLICT', () => {
    expect(findPitrOrThrow(pitrs, 'p_db').database).toBe('prod');
    expect(codeOf(() => findPitrOrThrow(pitrs, 'missing'))).toBe('NOT_FOUND');
    expect(codeOf(() => assertPitrNameFree(pitrs, 'p_db'))).toBe('CONFLICT');
    expect(codeOf(() => assertPitrNameFree(pitrs, 'p_new'))).toBe('ok');
  });

  it('restores a database from its own database PITR or an account PITR only', () => {
    expect(codeOf(() => assertPitrCoversDatabase(pitrs[0]!, 'prod'))).toBe('ok');
    expect(codeOf(() => assertPitrCoversDatabase(pitrs[1]!, 'prod'))).toBe('ok');
    expect(codeOf(() => assertPitrCoversDatabase(pitrs[0]!, 'staging'))).toBe('VALIDATION');
    expect(codeOf(() => assertPitrCoversDatabase(pitrs[2]!, 'prod'))).toBe('VALIDATION');
    expect(codeOf(() => assertPitrCoversDatabase(pitrs[3]!, 'prod'))).toBe('VALIDATION');
  });

  it('keeps the time after the PITR began, within its range and not in the future (server local time)', () => {
    const pitr = { name: 'pp', createdLocal: '2026-12-02 07:02:27' };
    const window = { now: '2026-12-02 07:02:32', earliest: '2026-12-01 07:02:32' };
    expect(codeOf(() => assertWithinPitrWindow('2026-12-02 07:02:29', pitr, window))).toBe('ok');
    // MatrixOne compares against the nanosecond creation time: the same second is too early.
    expect(codeOf(() => assertWithinPitrWindow('2026-12-02 07:02:27', pitr, window))).toBe('VALIDATION');
    expect(codeOf(() => assertWithinPitrWindow('2020-01-01 00:00:00', pitr, window))).toBe('VALIDATION');
    expect(codeOf(() => assertWithinPitrWindow('2030-01-01 00:00:00', pitr, window))).toBe('VALIDATION');
    expect(codeOf(() => assertWithinPitrWindow('2026-11-30 00:00:00', { name: 'old' }, window))).toBe('VALIDATION');
  });
});
