import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { codeForPgError, isBrokenConnectionError, mapPgError } from './errors';

const context = { operation: 'clone prod into dev', server: 'YugabyteDB at db:5433' };
const pgError = (code: string, message = 'server text the mapping must not read') => Object.assign(new Error(message), { code });

describe('Postgres errors map by SQLSTATE', () => {
  it.each([
    ['57014', 'TIMEOUT'],
    ['3D000', 'NOT_FOUND'],
    ['42P01', 'NOT_FOUND'],
    ['42P04', 'CONFLICT'],
    ['23505', 'CONFLICT'],
    ['55006', 'CONFLICT'],
    ['28P01', 'ENGINE_UNAVAILABLE'],
    ['28000', 'ENGINE_UNAVAILABLE'],
    ['42501', 'FORBIDDEN'],
    ['25006', 'FORBIDDEN'],
    ['0A000', 'UNSUPPORTED'],
    ['42601', 'UNSUPPORTED'],
    ['57P01', 'ENGINE_UNAVAILABLE'],
    ['08006', 'ENGINE_UNAVAILABLE'],
    ['53300', 'ENGINE_UNAVAILABLE'],
  ])('%s → %s', (state, expected) => {
    expect(mapPgError(pgError(state), context).code).toBe(expected);
  });

  it('maps network errors by Node code and keeps the cause, never the server text', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' });
    const mapped = mapPgError(refused, context);
    expect(mapped.code).toBe('ENGINE_UNAVAILABLE');
    expect(mapped.cause).toBe(refused);
    expect(mapPgError(pgError('42601', 'syntax error at or near AS'), context).message).not.toContain('syntax error at');
  });

  it('does not identify an error by its text', () => {
    expect(codeForPgError(new Error('canceling statement due to statement timeout'))).toBeUndefined();
    expect(mapPgError(new Error('canceling statement due to statement timeout'), context).code).toBe('ENGINE_UNAVAILABLE');
  });

  it('discards clients whose connection broke, keeps those that only failed a statement', () => {
    expect(isBrokenConnectionError(pgError('57P01'))).toBe(true);
    expect(isBrokenConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isBrokenConnectionError(pgError('23505'))).toBe(false);
    expect(isBrokenConnectionError(pgError('57014'))).toBe(false);
  });

  it('passes AppErrors through', () => {
    const original = new AppError('NOT_FOUND', 'no such snapshot');
    expect(mapPgError(original, context)).toBe(original);
  });
});
