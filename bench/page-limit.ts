import { ChainView } from '@/lib/engines/embedded/store/chain-view';
import { PAGE_SIZE } from '@/lib/engines/embedded/store/record-format';
import { databaseUsage, type EmbeddedHarness } from './embedded-harness';

/**
 * Page-level accounting for one change made in a clone: which pages it really had to change,
 * against what the store keeps for the clone. The physical limit of any 8 KiB-page
 * copy-on-write is the heap pages holding the changed rows (their old and new versions, by
 * ctid) plus the index pages whose bytes changed (compared with the source, page by page).
 */
export interface PageLimit {
  heapPagesByCtid: number;
  heapPagesChanged: number;
  indexPagesChanged: number;
  /** Visibility map and free space map pages: a page or two, left out of the limit. */
  otherForkPagesChanged: number;
  limitBytes: number;
}

export const engineRows = async (harness: EmbeddedHarness, database: string, sql: string) =>
  (await harness.engine.query(database, sql)).rows as unknown[][];

/** A checkpoint in the database's worker, as the superuser (console statements run as a role that may not). */
export const checkpoint = (harness: EmbeddedHarness, database: string) =>
  harness.pool.use(database, (worker) => worker.request({ kind: 'checkpoint' }));

/** Heap blocks holding the rows `where` selects (before a change: the old versions; after: the new). */
export async function heapBlocks(harness: EmbeddedHarness, database: string, where: string): Promise<Set<number>> {
  // One row: the console caps how many rows a statement returns.
  const [[blocks]] = (await engineRows(
    harness,
    database,
    `SELECT string_agg(DISTINCT (ctid::text::point)[0]::int::text, ',') FROM user_behavior WHERE ${where}`,
  )) as [[string | null]];
  return new Set((blocks ?? '').split(',').filter(Boolean).map(Number));
}

/** Relation files of user_behavior by kind: the heap's main fork, its indexes' files, the heap's other forks. */
async function relationFiles(harness: EmbeddedHarness, database: string) {
  const [[heap, dbOid]] = (await engineRows(
    harness,
    database,
    "SELECT pg_relation_filenode('user_behavior')::int, (SELECT oid::int FROM pg_database WHERE datname = current_database())",
  )) as [[number, number]];
  const indexes = await engineRows(
    harness,
    database,
    "SELECT pg_relation_filenode(indexrelid)::int FROM pg_index WHERE indrelid = 'user_behavior'::regclass",
  );
  const path = (node: unknown) => `/base/${dbOid}/${node}`;
  return { heap: [path(heap)], indexes: indexes.map((row) => path(row[0])), forks: [`${path(heap)}_vm`, `${path(heap)}_fsm`] };
}

/**
 * Pages of `paths` the clone's top holds whose bytes differ from the source's chain. The
 * clone must be stopped (its top is then read as written).
 */
function changedPages(harness: EmbeddedHarness, clone: string, paths: readonly string[]): number {
  const chain = harness.store.database(clone).chain;
  const cloneView = new ChainView(harness.store.layersOf(chain));
  const sourceView = new ChainView(harness.store.layersOf(chain.slice(0, -1)));
  const top = cloneView.chain[cloneView.chain.length - 1]!;
  const mine = Buffer.alloc(PAGE_SIZE);
  const theirs = Buffer.alloc(PAGE_SIZE);
  let changed = 0;
  for (const path of paths) {
    const entry = cloneView.lookup(path);
    const pages = entry ? top.index.pages.get(entry.inode) : undefined;
    const sourceEntry = sourceView.lookup(path);
    for (const page of pages?.keys() ?? []) {
      mine.fill(0);
      theirs.fill(0);
      cloneView.read(entry!.inode, mine, 0, PAGE_SIZE, page * PAGE_SIZE);
      if (sourceEntry) sourceView.read(sourceEntry.inode, theirs, 0, PAGE_SIZE, page * PAGE_SIZE);
      if (!mine.equals(theirs)) changed++;
    }
  }
  return changed;
}

/** Run once the change is committed and the clone stopped; `heapPagesByCtid` counted around the change. */
export async function pageLimit(harness: EmbeddedHarness, clone: string, heapPagesByCtid: number): Promise<PageLimit> {
  const files = await relationFiles(harness, clone);
  await harness.pool.stop(clone);
  const indexPagesChanged = changedPages(harness, clone, files.indexes);
  return {
    heapPagesByCtid,
    heapPagesChanged: changedPages(harness, clone, files.heap),
    indexPagesChanged,
    otherForkPagesChanged: changedPages(harness, clone, files.forks),
    limitBytes: (heapPagesByCtid + indexPagesChanged) * PAGE_SIZE,
  };
}

export async function ownBytesOf(harness: EmbeddedHarness, database: string): Promise<number> {
  return (await databaseUsage(harness, database)).ownBytes ?? 0;
}
