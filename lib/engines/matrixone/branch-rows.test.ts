import { describe, expect, it } from 'vitest';
import { columnDifference, countsFromSummary, noChanges, rowsFromSample } from './branch-rows';

/** Rows as MatrixOne main (7c27538f5a) returned them to mysql2 (counts as strings: bigNumberStrings). */
describe('reading DATA BRANCH DIFF output', () => {
  it('reads OUTPUT SUMMARY by position: metric, this side, the other side', () => {
    const rows = [
      ['INSERTED', '2', '0'],
      ['DELETED', '1', '0'],
      ['UPDATED', '1', '1'],
    ];
    expect(countsFromSummary(rows)).toEqual({ here: { added: 2, deleted: 1, updated: 1 }, there: { added: 0, deleted: 0, updated: 1 } });
    expect(() => countsFromSummary([['RENAMED', '1', '0']])).toThrow(TypeError);
    expect(() => countsFromSummary([['INSERTED', '-1', '0']])).toThrow(TypeError);
  });

  it('reads OUTPUT LIMIT rows: side, flag, then the table’s columns', () => {
    const columns = ['diff t against t', 'flag', 'id', 'v'];
    const rows = [
      ['t', 'DELETE', 1, 'one'],
      ['t', 'UPDATE', 2, 'TWO'],
      ['t', 'INSERT', 5, 'five'],
    ];
    expect(rowsFromSample(columns, rows)).toEqual({
      columns: ['id', 'v'],
      rows: [
        { change: 'deleted', values: [1, 'one'] },
        { change: 'updated', values: [2, 'TWO'] },
        { change: 'added', values: [5, 'five'] },
      ],
    });
    expect(() => rowsFromSample(columns, [['t', 'MOVE', 1, 'x']])).toThrow(TypeError);
  });

  it('tells unchanged sides and column differences', () => {
    expect(noChanges({ added: 0, deleted: 0, updated: 0 })).toBe(true);
    expect(noChanges({ added: 0, deleted: 0, updated: 1 })).toBe(false);
    expect(columnDifference(['id', 'v', 'Extra'], ['ID', 'v', 'old'])).toEqual({ added: ['Extra'], removed: ['old'] });
  });
});
