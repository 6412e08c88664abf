import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import type { EngineOperation } from '@/lib/engines/types';
import { yugabyteDialect } from './dialect';
import { restoreNames } from './names';

const fixedNow = () => new Date('2025-03-01T12:34:56Z');
const dialect = yugabyteDialect('2024.2.1.0', { now: fixedNow });
const sqlOf = (operation: EngineOperation) => dialect.describe(operation).map((statement) => statement.sql);

function codeOf(operation: EngineOperation): string {
  try {
    dialect.describe(operation);
    return 'ok';
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
}

const STATUS = (name: string) => `SELECT state, failure_reason FROM yb_database_clones() WHERE db_name = '${name}'`;

describe('YugabyteDB statements', () => {
  it('creates and drops databases (dropping forgets its points in time)', () => {
    expect(sqlOf({ kind: 'createDatabase', database: 'dev' })).toEqual(['CREATE DATABASE "dev"']);
    expect(sqlOf({ kind: 'dropDatabase', database: 'dev' })).toEqual([
      'DROP DATABASE "dev"',
      'DELETE FROM "clonedeck".snapshots WHERE database = \'dev\'',
    ]);
  });

  it('clones now, at a Unix time in microseconds, and at a named snapshot', () => {
    expect(sqlOf({ kind: 'cloneDatabase', request: { source: 'prod', target: 'dev', from: { kind: 'now' } } })).toEqual([
      'CREATE DATABASE "dev" TEMPLATE "prod"',
      STATUS('dev'),
    ]);
    const at = { kind: 'time', unixMicros: 1723146703674480n } as const;
    expect(sqlOf({ kind: 'cloneDatabase', request: { source: 'prod', target: 'dev', from: at } })).toEqual([
      'CREATE DATABASE "dev" TEMPLATE "prod" AS OF 1723146703674480',
      STATUS('dev'),
    ]);
    const fromSnapshot = { kind: 'snapshot', snapshot: 'before_upgrade' } as const;
    expect(sqlOf({ kind: 'cloneDatabase', request: { source: 'prod', target: 'dev', from: fromSnapshot } })).toEqual([
      "SELECT unix_micros FROM \"clonedeck\".snapshots WHERE name = 'before_upgrade' AND database = 'prod'",
      'CREATE DATABASE "dev" TEMPLATE "prod" AS OF :unix_micros',
      STATUS('dev'),
    ]);
  });

  it('records a named point in time from the server clock, and forgets it', () => {
    const [record] = dialect.describe({ kind: 'createSnapshot', snapshot: 's1', target: { level: 'database', database: 'prod' } });
    expect(record?.sql).toBe(
      "INSERT INTO \"clonedeck\".snapshots (name, database, unix_micros) VALUES ('s1', 'prod', (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint)",
    );
    expect(record?.comment).toMatch(/snapshot schedule/);
    expect(sqlOf({ kind: 'dropSnapshot', snapshot: 's1' })).toEqual(['DELETE FROM "clonedeck".snapshots WHERE name = \'s1\'']);
  });

  it('restores by clone-and-swap, keeping the old database under a stamped name', () => {
    expect(sqlOf({ kind: 'restoreDatabase', database: 'prod', snapshot: 's1' })).toEqual([
      "SELECT unix_micros FROM \"clonedeck\".snapshots WHERE name = 's1' AND database = 'prod'",
      'CREATE DATABASE "prod_restoring_202503011234" TEMPLATE "prod" AS OF :unix_micros',
      STATUS('prod_restoring_202503011234'),
      "SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema', 'clonedeck') ORDER BY 1, 2",
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'prod' AND pid <> pg_backend_pid()",
      'ALTER DATABASE "prod" RENAME TO "prod_before_restore_202503011234"',
      'ALTER DATABASE "prod_restoring_202503011234" RENAME TO "prod"',
      "UPDATE \"clonedeck\".snapshots SET database = 'prod_before_restore_202503011234' WHERE database = 'prod'",
    ]);
  });

  it('keeps restore names within 63 characters by shortening the database part', () => {
    const long = `d${'x'.repeat(62)}`;
    const names = restoreNames(long, fixedNow());
    expect(names.previous).toHaveLength(63);
    expect(names.previous.endsWith('_before_restore_202503011234')).toBe(true);
    expect(names.staging.endsWith('_restoring_202503011234')).toBe(true);
  });

  it('records the server version it was made for', () => {
    expect(dialect.serverVersion).toBe('2024.2.1.0');
    expect(yugabyteDialect().serverVersion).toBeUndefined();
  });
});

describe('what YugabyteDB cannot do, or cannot take', () => {
  it.each([
    [
      'clone a table',
      { kind: 'cloneTable', request: { source: { database: 'prod', table: 'users' }, target: { database: 'dev', table: 'users' } } },
    ],
    ['restore a table', { kind: 'restoreTable', table: { database: 'prod', table: 'users' }, snapshot: 's1' }],
    ['restore an account', { kind: 'restoreAccount', account: 'sys', snapshot: 's1' }],
    ['restore into an account', { kind: 'restoreDatabase', database: 'prod', snapshot: 's1', account: 'sys' }],
    ['create a PITR', { kind: 'createPitr', pitr: 'p1', database: 'prod', range: { value: 1, unit: 'd' } }],
    ['drop a PITR', { kind: 'dropPitr', pitr: 'p1' }],
    ['restore to a time', { kind: 'restorePitr', database: 'prod', pitr: 'p1', at: '2025-03-01 12:00:00' }],
    ['snapshot a cluster', { kind: 'createSnapshot', snapshot: 's1', target: { level: 'cluster' } }],
    ['snapshot an account', { kind: 'createSnapshot', snapshot: 's1', target: { level: 'account' } }],
    ['snapshot a table', { kind: 'createSnapshot', snapshot: 's1', target: { level: 'table', database: 'prod', table: 't' } }],
  ] as [string, EngineOperation][])('%s → UNSUPPORTED', (_label, operation) => {
    expect(codeOf(operation)).toBe('UNSUPPORTED');
  });

  it.each([
    ['a quote in a database name', { kind: 'createDatabase', database: 'prod"; DROP DATABASE x; --' }],
    [
      'a system database as clone target',
      { kind: 'cloneDatabase', request: { source: 'prod', target: 'postgres', from: { kind: 'now' } } },
    ],
    ['a template as clone source', { kind: 'cloneDatabase', request: { source: 'template1', target: 'dev', from: { kind: 'now' } } }],
    [
      'a time in seconds, not microseconds',
      { kind: 'cloneDatabase', request: { source: 'prod', target: 'dev', from: { kind: 'time', unixMicros: 1723146703n } } },
    ],
    ['a snapshot name with a quote', { kind: 'dropSnapshot', snapshot: "s1' OR '1'='1" }],
    ['dropping a system database', { kind: 'dropDatabase', database: 'system_platform' }],
  ] as [string, EngineOperation][])('%s → VALIDATION', (_label, operation) => {
    expect(codeOf(operation)).toBe('VALIDATION');
  });
});
