import type pg from 'pg';
import type { QueryResult } from '../types';

/** Runs `sql` (one or more statements) and returns the last statement's rows, at most `maxRows`. */
export async function collectResult(client: pg.Client, sql: string, maxRows: number): Promise<QueryResult> {
  const answer = (await client.query({ text: sql, rowMode: 'array' })) as pg.QueryArrayResult | pg.QueryArrayResult[];
  const last = Array.isArray(answer) ? answer[answer.length - 1]! : answer;
  const rows = last.rows ?? [];
  const truncated = rows.length > maxRows;
  return {
    command: last.command ?? '',
    columns: (last.fields ?? []).map((field) => field.name),
    rows: truncated ? rows.slice(0, maxRows) : rows,
    rowCount: last.fields?.length ? rows.length : (last.rowCount ?? 0),
    truncated,
  };
}
