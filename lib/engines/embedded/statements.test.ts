import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors';
import type { EngineOperation } from '../types';
import { embeddedDialect } from './dialect';
import { parseStatements } from './statements';

const OPERATIONS: EngineOperation[] = [
  { kind: 'createDatabase', database: 'shop' },
  { kind: 'createSnapshot', snapshot: 'before_upgrade', target: { level: 'database', database: 'production' } },
  { kind: 'cloneDatabase', request: { source: 'production', target: 'qa_clone', from: { kind: 'now' } } },
  { kind: 'cloneDatabase', request: { source: 'production', target: 'dev_clone', from: { kind: 'snapshot', snapshot: 'before_upgrade' } } },
  { kind: 'restoreDatabase', database: 'production', snapshot: 'before_upgrade' },
  { kind: 'dropDatabase', database: 'qa_clone' },
  { kind: 'dropSnapshot', snapshot: 'before_upgrade' },
];

const render = (operation: EngineOperation) =>
  embeddedDialect
    .describe(operation)
    .map((statement) => `-- ${statement.comment}\n${statement.sql}`)
    .join('\n');

function codeOf(script: string): string {
  try {
    parseStatements(script);
    return 'parsed';
  } catch (error) {
    return isAppError(error) ? error.code : 'unexpected';
  }
}

describe('the embedded engine statements', () => {
  it.each(OPERATIONS.map((operation) => [operation.kind, operation] as const))('reads back what Show SQL prints for %s', (_, operation) => {
    expect(parseStatements(render(operation))).toEqual([operation]);
  });

  it('reads a script of several statements, keywords in any case, names bare or quoted', () => {
    const script = `create snapshot s1 for database "production"; Create Database "c1" Clone production {snapshot = 's1'};\nDROP DATABASE c1`;
    expect(parseStatements(script).map((operation) => operation.kind)).toEqual(['createSnapshot', 'cloneDatabase', 'dropDatabase']);
  });

  it('refuses invalid names, unknown statements and stray text', () => {
    expect(codeOf('DROP DATABASE "Bad Name"')).toBe('VALIDATION');
    expect(codeOf("CREATE DATABASE c CLONE p {SNAPSHOT = 'x; DROP DATABASE p'}")).toBe('VALIDATION');
    expect(codeOf('TRUNCATE products')).toBe('VALIDATION');
    expect(codeOf('DROP DATABASE p extra')).toBe('VALIDATION');
    expect(codeOf('DROP DATABASE "unterminated')).toBe('VALIDATION');
    expect(codeOf('RESTORE DATABASE p')).toBe('VALIDATION');
  });
});
