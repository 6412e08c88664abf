import { conflict, engineUnavailable } from '@/lib/errors';
import { quotePgIdent } from '@/lib/engines/names';
import type { RestoreResult } from '@/lib/engines/types';
import { cloneAndWait, resolvePoint, type YugabyteContext } from './context';
import { restoreNames } from './names';
import { TABLE_LIST_SQL, assertUserDatabase, renameDatabaseStatement, terminateSessionsStatement } from './statements';

interface TableRow {
  table_schema: string;
  table_name: string;
}

/** "schema.table" of every table and view in `database`, sorted. */
export async function listTables(context: YugabyteContext, database: string): Promise<string[]> {
  const rows = await context.databases.get(database).rows<TableRow>(`list the tables of ${database}`, TABLE_LIST_SQL);
  return rows.map((row) => `${row.table_schema}.${row.table_name}`).sort();
}

/** What differs between the tables recorded with a snapshot and those of the clone. */
export function tableDifferences(expected: readonly string[], actual: readonly string[]): { missing: string[]; extra: string[] } {
  return {
    missing: expected.filter((name) => !actual.includes(name)),
    extra: actual.filter((name) => !expected.includes(name)),
  };
}

async function databaseExists(context: YugabyteContext, name: string): Promise<boolean> {
  const rows = await context.admin.rows('look up a database', 'SELECT 1 FROM pg_database WHERE datname = $1', { params: [name] });
  return rows.length > 0;
}

/**
 * Restore as YugabyteDB allows it: clone the database at the snapshot under a staging
 * name, check the clone answers and holds the tables recorded with the snapshot, then
 * swap names. The database as it was is kept as `<db>_before_restore_<yyyymmddhhmm>` and
 * returned; nothing is dropped. Until the swap, the original is untouched.
 */
export async function restoreBySwap(context: YugabyteContext, database: string, snapshotName: string): Promise<RestoreResult> {
  assertUserDatabase(database);
  if (database === context.target.database) {
    throw conflict(`"${database}" holds Clonedeck's snapshot records and cannot be swapped out; restore it with yb-admin.`);
  }
  const snapshot = await context.store.getOrThrow(snapshotName);
  const micros = await resolvePoint(context, database, { kind: 'snapshot', snapshot: snapshotName });
  const names = restoreNames(database, context.now());
  for (const name of [names.staging, names.previous]) {
    if (await databaseExists(context, name)) throw conflict(`Database "${name}" exists already; try again in a minute or drop it.`);
  }
  await cloneAndWait(context, names.staging, database, micros);
  await verifyClone(context, names.staging, snapshot.tables);
  await swapDatabases(context, database, names.staging, names.previous);
  await context.store.moveDatabase(database, names.previous);
  return { previousDatabase: names.previous };
}

async function verifyClone(context: YugabyteContext, staging: string, recorded: string[] | null): Promise<void> {
  const tables = await listTables(context, staging);
  if (recorded === null) return;
  const { missing, extra } = tableDifferences(recorded, tables);
  if (missing.length === 0 && extra.length === 0) return;
  await context.databases.forget(staging);
  await context.admin.execute(`drop ${staging}`, `DROP DATABASE ${quotePgIdent(staging)}`);
  const detail = [missing.length ? `missing ${missing.join(', ')}` : '', extra.length ? `unexpected ${extra.join(', ')}` : '']
    .filter(Boolean)
    .join('; ');
  throw engineUnavailable(
    `The clone at the snapshot does not hold the tables recorded with it (${detail}); it was dropped and the database is untouched.`,
  );
}

/** Renames `database` to `previous` and `staging` to `database`, ending other sessions on `database` first. */
export async function swapDatabases(context: YugabyteContext, database: string, staging: string, previous: string): Promise<void> {
  await context.databases.forget(database);
  await context.databases.forget(staging);
  await context.admin.withClient(`swap ${staging} in for ${database}`, async (session) => {
    await session.execute(terminateSessionsStatement(database).sql);
    await session.execute(renameDatabaseStatement(database, previous).sql);
    try {
      await session.execute(renameDatabaseStatement(staging, database).sql);
    } catch (error) {
      // Put the original back under its name rather than leave no database called `database`.
      await session.execute(renameDatabaseStatement(previous, database).sql);
      throw error;
    }
  });
}
