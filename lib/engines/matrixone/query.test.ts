import { describe, expect, it } from 'vitest';
import { userSqlError } from './query';

const serverError = (errno: number, sqlMessage: string, fatal = false) =>
  Object.assign(new Error(sqlMessage), { errno, sqlMessage, sqlState: 'HY000', code: 'ER_UNKNOWN', fatal });

describe('errors from SQL a user typed into the console', () => {
  it('passes the server’s own text for errors about the statement (what MatrixOne main answered)', () => {
    const cast = userSqlError(serverError(20203, 'invalid argument operator cast, bad value [VECF32 VARCHAR]'));
    expect(cast?.code).toBe('VALIDATION');
    expect(cast?.message).toBe('SQL error: invalid argument operator cast, bad value [VECF32 VARCHAR]');
    expect(userSqlError(serverError(1064, 'SQL parser error: You have an error in your SQL syntax'))?.code).toBe('VALIDATION');
    expect(userSqlError(serverError(1146, 'no such table t'))?.code).toBe('VALIDATION');
  });

  it('keeps timeouts, privileges and lost connections as they are', () => {
    expect(userSqlError(serverError(3024, 'query timeout'))).toBeUndefined();
    expect(userSqlError(serverError(1792, 'read only'))).toBeUndefined();
    expect(userSqlError(serverError(1317, 'interrupted'))).toBeUndefined();
    expect(userSqlError(serverError(1064, 'lost', true))).toBeUndefined();
    expect(userSqlError(Object.assign(new Error('connect'), { code: 'ECONNRESET', errno: -104, fatal: true }))).toBeUndefined();
  });
});
