import type { DiffRow, RowChangeCounts } from '@/lib/engines/types';

/**
 * Readers for DATA BRANCH DIFF output. SUMMARY answers rows `metric | <target> | <base>`
 * whose column names are the statement's own table text, so columns are read by position.
 */

const METRICS: Record<string, keyof RowChangeCounts> = { INSERTED: 'added', DELETED: 'deleted', UPDATED: 'updated' };
const FLAGS: Record<string, keyof RowChangeCounts> = { INSERT: 'added', DELETE: 'deleted', UPDATE: 'updated' };

const count = (value: unknown): number => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0) throw new TypeError(`MatrixOne returned a count "${String(value)}".`);
  return parsed;
};

/** Counts for each side from a SUMMARY result (rows as arrays, in column order). */
export function countsFromSummary(rows: readonly unknown[][]): { here: RowChangeCounts; there: RowChangeCounts } {
  const here: RowChangeCounts = { added: 0, deleted: 0, updated: 0 };
  const there: RowChangeCounts = { added: 0, deleted: 0, updated: 0 };
  for (const [metric, target, base] of rows) {
    const key = METRICS[String(metric).toUpperCase()];
    if (!key) throw new TypeError(`MatrixOne returned an unknown diff metric "${String(metric)}".`);
    here[key] = count(target);
    there[key] = count(base);
  }
  return { here, there };
}

/** Changed rows from a LIMIT result: the side's table name, the flag, then the table's columns. */
export function rowsFromSample(columns: readonly string[], rows: readonly unknown[][]): { columns: string[]; rows: DiffRow[] } {
  return {
    columns: columns.slice(2),
    rows: rows.map((row) => {
      const change = FLAGS[String(row[1]).toUpperCase()];
      if (!change) throw new TypeError(`MatrixOne returned an unknown diff flag "${String(row[1])}".`);
      return { change, values: row.slice(2) };
    }),
  };
}

export const noChanges = (counts: RowChangeCounts) => counts.added === 0 && counts.deleted === 0 && counts.updated === 0;

/** Columns of the compared table that the other side lacks, and the other way round. */
export function columnDifference(here: readonly string[], there: readonly string[]): { added: string[]; removed: string[] } {
  const lower = (names: readonly string[]) => new Set(names.map((name) => name.toLowerCase()));
  const [hereSet, thereSet] = [lower(here), lower(there)];
  return {
    added: here.filter((name) => !thereSet.has(name.toLowerCase())),
    removed: there.filter((name) => !hereSet.has(name.toLowerCase())),
  };
}
