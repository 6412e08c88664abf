import { notFound } from '@/lib/errors';
import type { DatabaseDiff, DataDiffAbility, DataMergeAbility, DiffBase, TableDiff, TableDiffSample, TableRef } from '@/lib/engines/types';
import { diffTableStatement, MERGE_CONFLICT_CHOICES } from './branch-statements';
import { columnDifference, countsFromSummary, noChanges, rowsFromSample } from './branch-rows';
import { tableNamesOf } from './catalog';
import { assertSnapshotCoversDatabase, findSnapshotOrThrow } from './checks';
import { DDL_TIMEOUT_MS, isGenericMatrixOneError, listSnapshotsOf, type MatrixOneContext } from './context';
import { mergeTables } from './branch-merge';
import { columnsProbeSql } from './read-statements';

/**
 * Data branches on MatrixOne: DATA BRANCH DIFF for "what changed here", DATA BRANCH MERGE
 * to carry changes into another database. Every figure is the server's own count.
 */
export function dataBranchAbilities(context: MatrixOneContext): { dataDiff: DataDiffAbility; dataMerge: DataMergeAbility } {
  return {
    dataDiff: {
      diffDatabase: (database, against) => diffDatabase(context, database, against),
      sampleTable: (database, table, against, limit) => sampleTable(context, database, table, against, limit),
    },
    dataMerge: {
      conflictChoices: MERGE_CONFLICT_CHOICES,
      mergeTables: (source, target, tables, onConflict) => mergeTables(context, source, target, tables, onConflict),
    },
  };
}

const snapshotOf = (against: DiffBase) => (against.kind === 'snapshot' ? against.snapshot : undefined);

/** The tables on each side; the snapshot must exist and cover the database compared against. */
async function tablesOnBothSides(
  context: MatrixOneContext,
  database: string,
  against: DiffBase,
): Promise<{ here: string[]; there: string[] }> {
  const snapshot = snapshotOf(against);
  if (snapshot !== undefined) {
    assertSnapshotCoversDatabase(findSnapshotOrThrow(await listSnapshotsOf(context), snapshot), against.database, 'clone');
  }
  const here = await tableNamesOf(context, database);
  if (here === null) throw notFound(`There is no database "${database}".`);
  const there = await tableNamesOf(context, against.database, snapshot);
  if (there === null) throw notFound(`There was no database "${against.database}"${snapshot ? ` at snapshot "${snapshot}"` : ''}.`);
  return { here, there };
}

async function diffDatabase(context: MatrixOneContext, database: string, against: DiffBase): Promise<DatabaseDiff> {
  const { here, there } = await tablesOnBothSides(context, database, against);
  const names = [...new Set([...here, ...there])].sort();
  const tables: TableDiff[] = [];
  for (const table of names) {
    if (!there.includes(table)) tables.push({ table, presence: 'only-here', here: null, there: null });
    else if (!here.includes(table)) tables.push({ table, presence: 'only-there', here: null, there: null });
    else tables.push(await diffTable(context, { database, table }, against));
  }
  return { database, against, tables };
}

async function diffTable(context: MatrixOneContext, table: TableRef, against: DiffBase): Promise<TableDiff> {
  const columns = columnDifference(
    await columnsOf(context, table),
    await columnsOf(context, { database: against.database, table: table.table }, snapshotOf(against)),
  );
  const statement = diffTableStatement(table, against, { kind: 'summary' });
  try {
    const result = await context.runner.withConnection(`diff ${table.database}.${table.table}`, (session) =>
      session.arrays(statement.sql, { timeoutMs: DDL_TIMEOUT_MS }),
    );
    return { table: table.table, presence: 'both', ...countsFromSummary(result.rows), columns };
  } catch (error) {
    // Both tables exist (checked above), so a 20101 here is MatrixOne declining to compare them.
    if (!isGenericMatrixOneError(error)) throw error;
    const refused = 'MatrixOne did not compare this table (it does when the columns on both sides are compatible).';
    return { table: table.table, presence: 'both', here: null, there: null, columns, refused };
  }
}

async function columnsOf(context: MatrixOneContext, table: TableRef, snapshot?: string): Promise<string[]> {
  const sql = columnsProbeSql(table, snapshot);
  return (await context.runner.withConnection(`read the columns of ${table.table}`, (session) => session.arrays(sql))).columns;
}

async function sampleTable(
  context: MatrixOneContext,
  database: string,
  table: string,
  against: DiffBase,
  limit: number,
): Promise<TableDiffSample> {
  const statement = diffTableStatement({ database, table }, against, { kind: 'rows', limit: limit + 1 });
  const { here, there } = await tablesOnBothSides(context, database, against);
  if (!here.includes(table) || !there.includes(table)) throw notFound(`Table ${table} is not on both sides, so it has no rows to compare.`);
  const summary = diffTableStatement({ database, table }, against, { kind: 'summary' });
  return context.runner.withConnection(`sample the changes of ${database}.${table}`, async (session) => {
    const counts = countsFromSummary((await session.arrays(summary.sql, { timeoutMs: DDL_TIMEOUT_MS })).rows);
    const result = await session.arrays(statement.sql, { timeoutMs: DDL_TIMEOUT_MS });
    const sample = rowsFromSample(result.columns, result.rows);
    const truncated = sample.rows.length > limit;
    return { table, columns: sample.columns, rows: sample.rows.slice(0, limit), truncated, allFromHere: noChanges(counts.there) };
  });
}
