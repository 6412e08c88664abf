import type { ChainView } from './store/chain-view';
import { DEFAULT_FILE_MODE } from './store/layer-index';
import { EntryKind } from './store/record-format';

/** A relation file of a database or of the shared catalogs: `/base/<db>/<node>[_fork][.segment]`. */
const RELATION_FILE = /^\/(?:base\/\d+|global)\/(\d+)(?:_[a-z]+)?(?:\.\d+)?$/;

/**
 * The relfilenodes of the relation files (heaps, indexes, their forks) that have pages in the
 * chain's top layer: the relations written since the layer below was frozen. Only these can
 * hold rows whose hint bits are unset or dead rows awaiting pruning; everything below was
 * vacuumed when it was frozen.
 */
export function changedRelationFilenodes(view: ChainView): number[] {
  const top = view.chain[view.chain.length - 1];
  if (!top || top.index.pages.size === 0) return [];
  const filenodes = new Set<number>();
  for (const [path, entry] of view.files()) {
    if (!top.index.pages.has(entry.inode)) continue;
    const match = RELATION_FILE.exec(path);
    if (match) filenodes.add(Number(match[1]));
  }
  return [...filenodes].sort((a, b) => a - b);
}

/**
 * An empty file in the top saying "the changed tables were vacuumed and Postgres shut down
 * cleanly; nothing ran since": written by a worker after an idle stop that vacuumed, removed
 * by the next worker before Postgres opens the files. It lets a snapshot or clone of a
 * database that went idle freeze its top at once instead of starting it to vacuum.
 */
const VACUUMED_MARK = '/clonedeck.vacuumed';

export function markVacuumed(view: ChainView): void {
  if (!view.lookup(VACUUMED_MARK)) view.createFile(VACUUMED_MARK, DEFAULT_FILE_MODE);
}

export function clearVacuumedMark(view: ChainView): void {
  if (view.lookup(VACUUMED_MARK)) view.removeFile(VACUUMED_MARK);
}

/** `ControlFileData.state` (after the 8-byte system identifier and two 4-byte versions). */
const CONTROL_STATE_OFFSET = 16;
const DB_SHUTDOWNED = 1;

/**
 * Whether the top can be frozen as it is, without running Postgres first. Not when it holds
 * changed tables (they are vacuumed first, see `vacuumChangedTables`), nor when the database
 * was not shut down cleanly (its worker was terminated or the process killed): then the top
 * holds WAL past the last checkpoint, and every clone of it would replay that WAL when it
 * starts, writing each page the WAL names into its own top. Starting the database once
 * replays it here, and the freeze's checkpoint leaves a clean point.
 */
export function canFreezeWithoutPostgres(view: ChainView): boolean {
  const top = view.chain[view.chain.length - 1];
  if (!top || top.index.isEmpty) return true;
  const vacuumed = top.index.entries.get(VACUUMED_MARK)?.kind === EntryKind.file;
  return (vacuumed || changedRelationFilenodes(view).length === 0) && shutDownCleanly(view);
}

function shutDownCleanly(view: ChainView): boolean {
  const control = view.lookup('/global/pg_control');
  if (control?.kind !== 'file') return true; // not a cluster: nothing Postgres could replay
  const state = Buffer.alloc(4);
  view.read(control.inode, state, 0, 4, CONTROL_STATE_OFFSET);
  return state.readUInt32LE(0) === DB_SHUTDOWNED;
}

/**
 * The tables (ordinary and materialized) owning those files, through their indexes and TOAST
 * tables, as quoted names. Other sessions' temporary tables cannot be vacuumed and never
 * reach a clone.
 */
export const OWNING_TABLES_SQL = `SELECT DISTINCT format('%I.%I', n.nspname, owner.relname) AS name
  FROM pg_class c
  LEFT JOIN pg_index i ON i.indexrelid = c.oid
  LEFT JOIN pg_class toast_owner ON toast_owner.reltoastrelid = coalesce(i.indrelid, c.oid)
  JOIN pg_class owner ON owner.oid = coalesce(toast_owner.oid, i.indrelid, c.oid)
  JOIN pg_namespace n ON n.oid = owner.relnamespace
 WHERE owner.relkind IN ('r', 'm') AND owner.relpersistence <> 't'
   AND pg_relation_filenode(c.oid) = ANY($1::oid[])
 ORDER BY 1`;

interface SqlSession {
  query<Row>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  exec(sql: string): Promise<unknown>;
}

/**
 * Leaves the changed tables' pages as a later reader needs them: dead rows pruned, hint bits
 * set, rows frozen and the visibility map saying so. Run just before a top is frozen, so a
 * clone or restore of it reads those pages without writing them (which would copy each page
 * into its own top, and, with data checksums on, log a full-page image of it too). The pages
 * vacuumed were written in this top already, so they are overwritten in place there.
 * Returns the tables vacuumed.
 */
export async function vacuumChangedTables(pg: SqlSession, filenodes: readonly number[]): Promise<string[]> {
  if (filenodes.length === 0) return [];
  const { rows } = await pg.query<{ name: string }>(OWNING_TABLES_SQL, [`{${filenodes.join(',')}}`]);
  const tables = rows.map((row) => row.name);
  if (tables.length > 0) await pg.exec(`VACUUM (FREEZE) ${tables.join(', ')}`);
  return tables;
}
