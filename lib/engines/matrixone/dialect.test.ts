import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import type { EngineOperation } from '@/lib/engines/types';
import { matrixOneDialect } from './dialect';
import { MATRIXONE_SYSTEM_DATABASES } from './rules';

const sqlOf = (version: string, operation: EngineOperation) =>
  matrixOneDialect(version)
    .describe(operation)
    .map((statement) => statement.sql);

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : `not an AppError: ${String(error)}`;
  }
  return 'no error';
}

/** Statements that read the same on every supported release. */
const SAME_ON_EVERY_VERSION: [string, EngineOperation, string][] = [
  ['create database', { kind: 'createDatabase', database: 'dev' }, 'CREATE DATABASE `dev`'],
  ['cluster snapshot', { kind: 'createSnapshot', snapshot: 's1', target: { level: 'cluster' } }, 'CREATE SNAPSHOT `s1` FOR CLUSTER'],
  [
    'current account snapshot',
    { kind: 'createSnapshot', snapshot: 's1', target: { level: 'account' } },
    'CREATE SNAPSHOT `s1` FOR ACCOUNT',
  ],
  [
    'named account snapshot',
    { kind: 'createSnapshot', snapshot: 's1', target: { level: 'account', account: 'acc1' } },
    'CREATE SNAPSHOT `s1` FOR ACCOUNT `acc1`',
  ],
  [
    'database snapshot',
    { kind: 'createSnapshot', snapshot: 's1', target: { level: 'database', database: 'prod' } },
    'CREATE SNAPSHOT `s1` FOR DATABASE `prod`',
  ],
  [
    'table snapshot',
    { kind: 'createSnapshot', snapshot: 's1', target: { level: 'table', database: 'prod', table: 'Users' } },
    'CREATE SNAPSHOT `s1` FOR TABLE `prod` `Users`',
  ],
  ['drop snapshot', { kind: 'dropSnapshot', snapshot: 's1' }, 'DROP SNAPSHOT `s1`'],
  [
    'clone database now',
    { kind: 'cloneDatabase', request: { source: 'prod', target: 'dev', from: { kind: 'now' } } },
    'CREATE DATABASE `dev` CLONE `prod`',
  ],
  [
    'clone database from snapshot',
    { kind: 'cloneDatabase', request: { source: 'prod', target: 'dev', from: { kind: 'snapshot', snapshot: 's1' } } },
    "CREATE DATABASE `dev` CLONE `prod` {SNAPSHOT = 's1'}",
  ],
  [
    'clone table',
    { kind: 'cloneTable', request: { source: { database: 'prod', table: 'users' }, target: { database: 'prod', table: 'users_copy' } } },
    'CREATE TABLE `prod`.`users_copy` CLONE `prod`.`users`',
  ],
  [
    'clone table across databases from a snapshot',
    {
      kind: 'cloneTable',
      request: { source: { database: 'prod', table: 'users' }, target: { database: 'dev', table: 'users' }, snapshot: 's1' },
    },
    "CREATE TABLE `dev`.`users` CLONE `prod`.`users` {SNAPSHOT = 's1'}",
  ],
  ['drop database', { kind: 'dropDatabase', database: 'dev' }, 'DROP DATABASE `dev`'],
  [
    'create PITR',
    { kind: 'createPitr', pitr: 'p1', database: 'prod', range: { value: 1, unit: 'd' } },
    "CREATE PITR `p1` FOR DATABASE `prod` RANGE 1 'd'",
  ],
  [
    'create PITR in months',
    { kind: 'createPitr', pitr: 'p1', database: 'prod', range: { value: 100, unit: 'mo' } },
    "CREATE PITR `p1` FOR DATABASE `prod` RANGE 100 'mo'",
  ],
  ['drop PITR', { kind: 'dropPitr', pitr: 'p1' }, 'DROP PITR `p1`'],
  [
    'restore database to a time',
    { kind: 'restorePitr', database: 'prod', pitr: 'p1', at: '2025-03-01 12:30:00' },
    "RESTORE DATABASE `prod` FROM PITR `p1` '2025-03-01 12:30:00'",
  ],
];

describe.each(['3.0', '3.0.4', '4.0', '4.1.2'])('MatrixOne %s: statements common to every release', (version) => {
  it.each(SAME_ON_EVERY_VERSION)('%s', (_label, operation, expected) => {
    expect(sqlOf(version, operation)).toEqual([expected]);
  });
});

const RESTORES: [string, EngineOperation, string, string][] = [
  [
    'restore database (account given)',
    { kind: 'restoreDatabase', database: 'prod', snapshot: 's1', account: 'acc1' },
    'RESTORE ACCOUNT `acc1` DATABASE `prod` FROM SNAPSHOT `s1`',
    "RESTORE DATABASE `prod` {SNAPSHOT = 's1'}",
  ],
  [
    'restore database (account defaults to sys)',
    { kind: 'restoreDatabase', database: 'prod', snapshot: 's1' },
    'RESTORE ACCOUNT `sys` DATABASE `prod` FROM SNAPSHOT `s1`',
    "RESTORE DATABASE `prod` {SNAPSHOT = 's1'}",
  ],
  [
    'restore table',
    { kind: 'restoreTable', table: { database: 'prod', table: 'users' }, snapshot: 's1', account: 'sys' },
    'RESTORE ACCOUNT `sys` DATABASE `prod` TABLE `users` FROM SNAPSHOT `s1`',
    "RESTORE TABLE `prod`.`users` {SNAPSHOT = 's1'}",
  ],
  [
    'restore account',
    { kind: 'restoreAccount', account: 'acc1', snapshot: 's1' },
    'RESTORE ACCOUNT `acc1` FROM SNAPSHOT `s1`',
    "RESTORE ACCOUNT `acc1` {SNAPSHOT = 's1'}",
  ],
  [
    'restore account into another account',
    { kind: 'restoreAccount', account: 'acc1', snapshot: 's1', toAccount: 'acc2' },
    'RESTORE ACCOUNT `acc1` FROM SNAPSHOT `s1` TO ACCOUNT `acc2`',
    "RESTORE ACCOUNT `acc1` {SNAPSHOT = 's1'} TO ACCOUNT `acc2`",
  ],
];

describe('restore grammar changes between 3.x and 4.x', () => {
  it.each(RESTORES)('%s', (_label, operation, threeX, fourX) => {
    expect(sqlOf('3.0', operation)).toEqual([threeX]);
    expect(sqlOf('3.0.18', operation)).toEqual([threeX]);
    expect(sqlOf('4.0', operation)).toEqual([fourX]);
    expect(sqlOf('4.2.0', operation)).toEqual([fourX]);
    expect(sqlOf('5.0', operation)).toEqual([fourX]);
  });

  it('explains on 4.x that the restore runs in the connected account', () => {
    const [statement] = matrixOneDialect('4.1').describe({ kind: 'restoreDatabase', database: 'prod', snapshot: 's1', account: 'acc1' });
    expect(statement?.comment).toMatch(/connected account/);
  });
});

describe('versions', () => {
  it('reports major.minor and defaults to the newest grammar', () => {
    expect(matrixOneDialect('3.0.4').serverVersion).toBe('3.0');
    expect(matrixOneDialect('v4.1.2').serverVersion).toBe('4.1');
    expect(sqlOf(undefined as unknown as string, RESTORES[0]![1])).toEqual([RESTORES[0]![3]]);
  });

  it('refuses releases without CLONE and rejects text that is no version', () => {
    expect(codeOf(() => matrixOneDialect('2.2'))).toBe('UNSUPPORTED');
    expect(codeOf(() => matrixOneDialect('1.2.0'))).toBe('UNSUPPORTED');
    expect(codeOf(() => matrixOneDialect('latest'))).toBe('VALIDATION');
  });
});

describe('refusals before anything reaches the server', () => {
  const describe30 = (operation: EngineOperation) => () => matrixOneDialect('3.0').describe(operation);
  const describe41 = (operation: EngineOperation) => () => matrixOneDialect('4.1').describe(operation);

  it.each(MATRIXONE_SYSTEM_DATABASES)('refuses the system database %s everywhere', (system) => {
    const operations: EngineOperation[] = [
      { kind: 'createSnapshot', snapshot: 's1', target: { level: 'database', database: system } },
      { kind: 'createSnapshot', snapshot: 's1', target: { level: 'table', database: system, table: 't' } },
      { kind: 'cloneDatabase', request: { source: system, target: 'copy', from: { kind: 'now' } } },
      { kind: 'cloneDatabase', request: { source: 'prod', target: system, from: { kind: 'now' } } },
      { kind: 'cloneTable', request: { source: { database: system, table: 't' }, target: { database: 'dev', table: 't' } } },
      { kind: 'restoreDatabase', database: system, snapshot: 's1' },
      { kind: 'restoreTable', table: { database: system, table: 't' }, snapshot: 's1' },
      { kind: 'dropDatabase', database: system },
      { kind: 'createPitr', pitr: 'p1', database: system, range: { value: 1, unit: 'd' } },
      { kind: 'restorePitr', database: system, pitr: 'p1', at: '2025-03-01 12:30:00' },
    ];
    for (const operation of operations) {
      expect(codeOf(describe30(operation))).toBe('VALIDATION');
      expect(codeOf(describe41(operation))).toBe('VALIDATION');
    }
  });

  it.each([
    ['a quote in a database name', { kind: 'dropDatabase', database: 'prod`; DROP DATABASE x; --' }],
    ['an upper-case snapshot name', { kind: 'dropSnapshot', snapshot: 'Daily' }],
    ['an empty snapshot name', { kind: 'createSnapshot', snapshot: '', target: { level: 'cluster' } }],
    ['a reserved snapshot prefix', { kind: 'createSnapshot', snapshot: 'ccpr_sync', target: { level: 'cluster' } }],
    [
      'a snapshot hint with a quote',
      { kind: 'cloneDatabase', request: { source: 'prod', target: 'dev', from: { kind: 'snapshot', snapshot: "s1'}" } } },
    ],
    ['a table name with a space', { kind: 'restoreTable', table: { database: 'prod', table: 'my table' }, snapshot: 's1' }],
    ['an account with a dash', { kind: 'restoreAccount', account: 'acc-1', snapshot: 's1' }],
    ['the reserved PITR name', { kind: 'dropPitr', pitr: 'sys_mo_catalog_pitr' }],
    ['a PITR range of 0', { kind: 'createPitr', pitr: 'p1', database: 'prod', range: { value: 0, unit: 'd' } }],
    ['a PITR range over 100', { kind: 'createPitr', pitr: 'p1', database: 'prod', range: { value: 101, unit: 'h' } }],
    ['a PITR time that is not a date', { kind: 'restorePitr', database: 'prod', pitr: 'p1', at: '2025-02-30 10:00:00' }],
    ['a PITR time with an injected quote', { kind: 'restorePitr', database: 'prod', pitr: 'p1', at: "2025-03-01 12:30:00'" }],
    ['a name longer than 63 characters', { kind: 'createDatabase', database: `d${'x'.repeat(63)}` }],
  ] as [string, EngineOperation][])('refuses %s with VALIDATION', (_label, operation) => {
    expect(codeOf(describe30(operation))).toBe('VALIDATION');
    expect(codeOf(describe41(operation))).toBe('VALIDATION');
  });

  it('refuses a clone at a point in time as UNSUPPORTED', () => {
    const operation: EngineOperation = {
      kind: 'cloneDatabase',
      request: { source: 'prod', target: 'dev', from: { kind: 'time', unixMicros: 1723146703674480n } },
    };
    expect(codeOf(describe30(operation))).toBe('UNSUPPORTED');
    expect(codeOf(describe41(operation))).toBe('UNSUPPORTED');
  });
});

describe('data branches in Show SQL', () => {
  const merge: EngineOperation = {
    kind: 'mergeTable',
    source: { database: 'qa', table: 't' },
    target: { database: 'staging', table: 't' },
    onConflict: 'skip',
  };
  const diff: EngineOperation = {
    kind: 'diffTable',
    table: { database: 'qa', table: 't' },
    against: { kind: 'snapshot', database: 'qa', snapshot: 'qa_base' },
    output: { kind: 'summary' },
  };

  it('writes DATA BRANCH MERGE and DIFF from 3.0.9 on', () => {
    expect(sqlOf('4.2', merge)).toEqual(['DATA BRANCH MERGE `qa`.`t` INTO `staging`.`t` WHEN CONFLICT SKIP']);
    expect(sqlOf('3.0.9', diff)).toEqual(["DATA BRANCH DIFF `qa`.`t` AGAINST `qa`.`t` {SNAPSHOT = 'qa_base'} OUTPUT SUMMARY"]);
  });

  it('refuses them as UNSUPPORTED on releases before 3.0.9', () => {
    expect(codeOf(() => sqlOf('3.0.4', merge))).toBe('UNSUPPORTED');
    expect(codeOf(() => sqlOf('3.0.8', diff))).toBe('UNSUPPORTED');
  });
});
