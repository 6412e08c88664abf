import { AppError, isAppError, notFound, validation } from '@/lib/errors';
import type { MergeConflictChoice } from '@/lib/engines/types';
import { mergeTableStatement } from './branch-statements';
import { columnDifference } from './branch-rows';
import { tableNamesOf } from './catalog';
import { DDL_TIMEOUT_MS, isGenericMatrixOneError, type MatrixOneContext } from './context';
import { MATRIXONE_ERRNO, serverErrno } from './errors';
import { columnsProbeSql } from './read-statements';

/**
 * Merges `tables` of `source` into the same-named tables of `target` in one transaction:
 * MatrixOne runs DATA BRANCH MERGE inside an explicit transaction and rolls it back with it
 * (seen on main, 7c27538f5a), so a conflict in the third table leaves the first two untouched.
 *
 * MatrixOne answers both a conflicting row (under WHEN CONFLICT FAIL) and incompatible columns
 * with error 20101. The columns are compared first, so a 20101 during the merge is a conflict.
 */
export async function mergeTables(
  context: MatrixOneContext,
  source: string,
  target: string,
  tables: readonly string[],
  onConflict: MergeConflictChoice,
): Promise<void> {
  const statements = tables.map((table) => mergeTableStatement({ database: source, table }, { database: target, table }, onConflict));
  if (statements.length === 0) throw validation('Choose at least one table to merge.', { tables: ['Choose at least one table.'] });
  await assertMergeable(context, source, target, tables);
  await context.runner.withConnection(`merge ${source} into ${target}`, async (session) => {
    await session.execute('START TRANSACTION');
    let current = tables[0]!;
    try {
      for (const [index, statement] of statements.entries()) {
        current = tables[index]!;
        await session.execute(statement.sql, { timeoutMs: DDL_TIMEOUT_MS });
      }
      await session.execute('COMMIT');
    } catch (error) {
      await session.execute('ROLLBACK').catch(() => undefined);
      if (onConflict === 'fail' && (serverErrno(error) === MATRIXONE_ERRNO.internal || isGenericMatrixOneError(error))) {
        throw new AppError(
          'CONFLICT',
          `Rows of ${current} changed differently on both sides; nothing was merged. Merge again choosing to keep ${target}'s rows (skip) or take ${source}'s (accept).`,
          { cause: error },
        );
      }
      throw error;
    }
  });
}

async function assertMergeable(context: MatrixOneContext, source: string, target: string, tables: readonly string[]): Promise<void> {
  const [sourceTables, targetTables] = [await tableNamesOf(context, source), await tableNamesOf(context, target)];
  if (sourceTables === null) throw notFound(`There is no database "${source}".`);
  if (targetTables === null) throw notFound(`There is no database "${target}".`);
  for (const table of tables) {
    if (!sourceTables.includes(table) || !targetTables.includes(table))
      throw notFound(`Table ${table} is not in both ${source} and ${target}.`);
    const columns = columnDifference(await columnsOf(context, source, table), await columnsOf(context, target, table));
    if (columns.added.length > 0 || columns.removed.length > 0) {
      const differ = [...columns.added, ...columns.removed].join(', ');
      throw validation(
        `Table ${table} has different columns in ${source} and ${target} (${differ}); MatrixOne merges only tables with the same columns.`,
        { tables: [`${table}: columns differ.`] },
      );
    }
  }
}

async function columnsOf(context: MatrixOneContext, database: string, table: string): Promise<string[]> {
  try {
    const sql = columnsProbeSql({ database, table });
    return (await context.runner.withConnection(`read the columns of ${database}.${table}`, (session) => session.arrays(sql))).columns;
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') throw notFound(`There is no table ${database}.${table}.`);
    throw error;
  }
}
