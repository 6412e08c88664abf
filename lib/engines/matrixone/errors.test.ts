import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { codeForMysqlError, isFatalDriverError, mapMysqlError } from './errors';

const context = { operation: 'restore database prod', server: 'MatrixOne 3.0.4 at db:6001' };

/** The shape mysql2 gives server errors: code name, errno, SQLSTATE, and a server message. */
function serverError(errno: number, sqlState: string, message: string, code = 'ER_UNKNOWN'): Error {
  return Object.assign(new Error(message), { code, errno, sqlState, fatal: false });
}

function nodeError(code: string, fatal = true): Error {
  return Object.assign(new Error(`connect ${code}`), { code, errno: -111, fatal });
}

describe('server errors map by errno', () => {
  it.each([
    [1045, '28000', 'ENGINE_UNAVAILABLE'],
    [1044, '42000', 'FORBIDDEN'],
    [1142, '42000', 'FORBIDDEN'],
    [1227, '42000', 'FORBIDDEN'],
    [1049, '42000', 'NOT_FOUND'],
    // What MatrixOne (main, 7c27538f5a) answers to DROP DATABASE of a database that does not exist.
    [1008, 'HY000', 'NOT_FOUND'],
    [1146, '42S02', 'NOT_FOUND'],
    [1007, 'HY000', 'CONFLICT'],
    [1050, '42S01', 'CONFLICT'],
    [1062, '23000', 'CONFLICT'],
    [1064, '42000', 'UNSUPPORTED'],
    [1149, '42000', 'UNSUPPORTED'],
    [3024, 'HY000', 'TIMEOUT'],
    [1969, '70100', 'TIMEOUT'],
    [1317, '70100', 'ENGINE_UNAVAILABLE'],
    [1927, '70100', 'ENGINE_UNAVAILABLE'],
    [20101, 'HY000', 'CONFLICT'],
    [20105, 'HY000', 'UNSUPPORTED'],
    [20500, 'HY000', 'TIMEOUT'],
  ])('errno %i → %s', (errno, sqlState, expected) => {
    expect(mapMysqlError(serverError(errno, sqlState, 'text the mapping must not read'), context).code).toBe(expected);
  });

  it('never reads the message: the same text under different errnos maps differently', () => {
    const text = 'internal error: snapshot s1 already exists';
    expect(mapMysqlError(serverError(20101, 'HY000', text), context).code).toBe('CONFLICT');
    expect(mapMysqlError(serverError(1146, '42S02', text), context).code).toBe('NOT_FOUND');
    expect(codeForMysqlError(new Error(text))).toBeUndefined();
  });

  it('writes its own message and keeps the driver error as the cause', () => {
    const original = serverError(1064, '42000', 'You have an error in your SQL syntax near RESTORE');
    const mapped = mapMysqlError(original, context);
    expect(mapped.message).not.toContain('SQL syntax');
    expect(mapped.message).toContain('restore database prod');
    expect(mapped.message).toContain('MATRIXONE_SERVER_VERSION');
    expect(mapped.cause).toBe(original);
  });

  it('tells a wrong password apart from a missing privilege', () => {
    expect(mapMysqlError(serverError(1045, '28000', ''), context).message).toMatch(/user name or password/);
    expect(mapMysqlError(serverError(1227, '42000', ''), context).message).toMatch(/lacks the privilege/);
  });
});

describe('driver and network errors map by code', () => {
  it.each([
    ['ECONNREFUSED', 'ENGINE_UNAVAILABLE'],
    ['ENOTFOUND', 'ENGINE_UNAVAILABLE'],
    ['ETIMEDOUT', 'ENGINE_UNAVAILABLE'],
    ['PROTOCOL_CONNECTION_LOST', 'ENGINE_UNAVAILABLE'],
  ])('%s → %s', (code, expected) => {
    expect(mapMysqlError(nodeError(code), context).code).toBe(expected);
  });

  it('maps the query timeout to TIMEOUT and marks the connection unusable', () => {
    const timeout = Object.assign(new Error('Query inactivity timeout'), { code: 'PROTOCOL_SEQUENCE_TIMEOUT' });
    expect(mapMysqlError(timeout, context).code).toBe('TIMEOUT');
    expect(isFatalDriverError(timeout)).toBe(true);
  });

  it('maps a fatal error without a code (a closed connection) to ENGINE_UNAVAILABLE', () => {
    const closed = Object.assign(new Error("Can't add new command when connection is in closed state"), { fatal: true });
    expect(mapMysqlError(closed, context).code).toBe('ENGINE_UNAVAILABLE');
    expect(isFatalDriverError(closed)).toBe(true);
    expect(isFatalDriverError(serverError(1146, '42S02', ''))).toBe(false);
  });

  it('passes AppErrors through untouched', () => {
    const original = new AppError('VALIDATION', 'bad name');
    expect(mapMysqlError(original, context)).toBe(original);
  });
});
