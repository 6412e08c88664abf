import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import type { SnapshotInfo } from '@/lib/engines/types';
import {
  assertAccountRestoreTarget,
  assertTableListed,
  assertSnapshotCoversAccount,
  assertSnapshotCoversDatabase,
  assertSnapshotCoversTable,
  findSnapshotOrThrow,
} from './checks';
import { parseUtcTimestamp, pitrFromRow, snapshotFromRow } from './rows';

const at = new Date('2025-01-01T00:00:00Z');
const snapshots: Record<string, SnapshotInfo> = {
  account: { name: 'acc_sp', level: 'account', createdAt: at, account: 'sys' },
  cluster: { name: 'cl_sp', level: 'cluster', createdAt: at },
  prod: { name: 'prod_sp', level: 'database', createdAt: at, account: 'sys', database: 'prod' },
  users: { name: 'users_sp', level: 'table', createdAt: at, account: 'sys', database: 'prod', table: 'users' },
};

function codeOf(run: () => void): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
}

describe('SHOW SNAPSHOTS rows, whatever the column case', () => {
  it('reads upper-case columns (3.x) and lower-case ones alike', () => {
    const upper = {
      SNAPSHOT_NAME: 's1',
      TIMESTAMP: '2025-03-01 10:20:30.123456',
      SNAPSHOT_LEVEL: 'database',
      ACCOUNT_NAME: 'sys',
      DATABASE_NAME: 'prod',
      TABLE_NAME: '',
    };
    const lower = {
      snapshot_name: 's1',
      timestamp: '2025-03-01 10:20:30.123456',
      snapshot_level: 'DATABASE',
      account_name: 'sys',
      database_name: 'prod',
      table_name: '',
    };
    const expected = {
      name: 's1',
      level: 'database',
      createdAt: new Date('2025-03-01T10:20:30.123Z'),
      account: 'sys',
      database: 'prod',
      table: undefined,
    };
    expect(snapshotFromRow(upper)).toEqual(expected);
    expect(snapshotFromRow(lower)).toEqual(expected);
  });

  it('reads the rows MatrixOne main (7c27538f5a) writes: 9 fractional digits, trailing zeros cut, cluster without account', () => {
    // CAST_NANO_TO_TIMESTAMP formats with Go's "2006-01-02 15:04:05.999999999" in UTC.
    const database = {
      SNAPSHOT_NAME: 's1',
      TIMESTAMP: '2026-12-02 06:58:04.845873427',
      SNAPSHOT_LEVEL: 'database',
      ACCOUNT_NAME: 'sys',
      DATABASE_NAME: 'd1',
      TABLE_NAME: '',
    };
    expect(snapshotFromRow(database)).toMatchObject({ level: 'database', database: 'd1', table: undefined });
    expect(snapshotFromRow(database).createdAt.toISOString()).toBe('2026-12-02T06:58:04.845Z');
    const cluster = {
      SNAPSHOT_NAME: 'cs1',
      TIMESTAMP: '2026-12-02 07:02:40.7316534',
      SNAPSHOT_LEVEL: 'cluster',
      ACCOUNT_NAME: '',
      DATABASE_NAME: '',
      TABLE_NAME: '',
    };
    expect(snapshotFromRow(cluster)).toMatchObject({ level: 'cluster', account: undefined, database: undefined });
    const onTheSecond = {
      SNAPSHOT_NAME: 's2',
      TIMESTAMP: '2026-12-02 07:00:00',
      SNAPSHOT_LEVEL: 'table',
      ACCOUNT_NAME: 'sys',
      DATABASE_NAME: 'd1',
      TABLE_NAME: 't2',
    };
    expect(snapshotFromRow(onTheSecond)).toMatchObject({ table: 't2', createdAt: new Date('2026-12-02T07:00:00Z') });
  });

  it('reads timestamps as UTC and rejects rows it cannot trust', () => {
    expect(parseUtcTimestamp('2024-12-25 16:34:55').toISOString()).toBe('2024-12-25T16:34:55.000Z');
    expect(() => snapshotFromRow({ SNAPSHOT_NAME: 's1', TIMESTAMP: 'yesterday', SNAPSHOT_LEVEL: 'database' })).toThrow(TypeError);
    expect(() => snapshotFromRow({ SNAPSHOT_NAME: 's1', TIMESTAMP: '2025-01-01 00:00:00', SNAPSHOT_LEVEL: 'galaxy' })).toThrow(TypeError);
  });

  it('reads SHOW PITR rows, with "*" meaning no database', () => {
    const row = {
      PITR_NAME: 'p1',
      CREATED_TIME: '2024-12-25 16:34:55',
      PITR_LEVEL: 'account',
      ACCOUNT_NAME: 'sys',
      DATABASE_NAME: '*',
      TABLE_NAME: '*',
      PITR_LENGTH: 1,
      PITR_UNIT: 'h',
    };
    expect(pitrFromRow(row)).toEqual({ name: 'p1', level: 'account', database: undefined, range: { value: 1, unit: 'h' } });
  });
});

describe('snapshot checks made before MatrixOne answers with its generic 20101', () => {
  const all = Object.values(snapshots);

  it('finds a snapshot or says NOT_FOUND', () => {
    expect(findSnapshotOrThrow(all, 'prod_sp').database).toBe('prod');
    expect(codeOf(() => findSnapshotOrThrow(all, 'missing'))).toBe('NOT_FOUND');
  });

  it('restores a database only from a snapshot of that database or its account', () => {
    expect(codeOf(() => assertSnapshotCoversDatabase(snapshots.prod!, 'prod', 'restore', 'sys'))).toBe('ok');
    expect(codeOf(() => assertSnapshotCoversDatabase(snapshots.account!, 'prod', 'restore', 'sys'))).toBe('ok');
    expect(codeOf(() => assertSnapshotCoversDatabase(snapshots.prod!, 'staging', 'restore', 'sys'))).toBe('VALIDATION');
    expect(codeOf(() => assertSnapshotCoversDatabase(snapshots.users!, 'prod', 'restore', 'sys'))).toBe('VALIDATION');
    expect(codeOf(() => assertSnapshotCoversDatabase(snapshots.cluster!, 'prod', 'restore', 'sys'))).toBe('VALIDATION');
    expect(codeOf(() => assertSnapshotCoversDatabase(snapshots.prod!, 'prod', 'restore', 'acc1'))).toBe('VALIDATION');
  });

  it('clones a database from a cluster snapshot but not from a snapshot of another database', () => {
    expect(codeOf(() => assertSnapshotCoversDatabase(snapshots.cluster!, 'prod', 'clone'))).toBe('ok');
    expect(codeOf(() => assertSnapshotCoversDatabase(snapshots.prod!, 'other', 'clone'))).toBe('VALIDATION');
  });

  it('restores a table from its own table snapshot or a wider one', () => {
    expect(codeOf(() => assertSnapshotCoversTable(snapshots.users!, 'prod', 'users', 'restore', 'sys'))).toBe('ok');
    expect(codeOf(() => assertSnapshotCoversTable(snapshots.prod!, 'prod', 'orders', 'restore', 'sys'))).toBe('ok');
    expect(codeOf(() => assertSnapshotCoversTable(snapshots.users!, 'prod', 'orders', 'restore', 'sys'))).toBe('VALIDATION');
    expect(codeOf(() => assertSnapshotCoversTable(snapshots.prod!, 'dev', 'users', 'restore', 'sys'))).toBe('VALIDATION');
  });

  it('restores an account only from an account or cluster snapshot of it', () => {
    expect(codeOf(() => assertSnapshotCoversAccount(snapshots.account!, 'sys'))).toBe('ok');
    expect(codeOf(() => assertSnapshotCoversAccount(snapshots.cluster!, 'acc1'))).toBe('ok');
    expect(codeOf(() => assertSnapshotCoversAccount(snapshots.prod!, 'sys'))).toBe('VALIDATION');
    expect(codeOf(() => assertSnapshotCoversAccount(snapshots.account!, 'acc1'))).toBe('VALIDATION');
  });
});

describe('checks for what MatrixOne answers with a parse error or 20101', () => {
  it('needs the table in the database now or at the snapshot (CLONE of a missing table is errno 1064)', () => {
    expect(codeOf(() => assertTableListed(['t', 'users'], 'prod', 'users'))).toBe('ok');
    expect(codeOf(() => assertTableListed(['t'], 'prod', 'users', 's1'))).toBe('NOT_FOUND');
    expect(codeOf(() => assertTableListed(null, 'prod', 'users', 's1'))).toBe('NOT_FOUND');
  });

  it('refuses TO ACCOUNT where MatrixOne would silently restore the source account in place', () => {
    expect(codeOf(() => assertAccountRestoreTarget('sys', 'acc1', 'acc2'))).toBe('ok');
    expect(codeOf(() => assertAccountRestoreTarget('sys', 'acc1', undefined))).toBe('ok');
    expect(codeOf(() => assertAccountRestoreTarget('sys', 'sys', undefined))).toBe('ok');
    expect(codeOf(() => assertAccountRestoreTarget('sys', 'sys', 'acc2'))).toBe('VALIDATION');
    expect(codeOf(() => assertAccountRestoreTarget('acc1', 'acc1', 'acc2'))).toBe('VALIDATION');
  });
});
