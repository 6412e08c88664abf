import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { PostgresEngine } from '@/lib/engines/postgres';
import { accountBlocks } from '@/lib/engines/postgres/extents';

const PAGE = 8192;

/** A WAL position ("16/B374D848") as a number of bytes. */
function parseLsn(text: string): bigint {
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
}

/**
 * Pages of a relation (all its 1 GB segment files) whose header LSN is past `since`: every page
 * a WAL-logged change wrote, read from the files themselves (pd_lsn, the first 8 bytes of a page).
 */
function pagesChangedSince(relationFile: string, since: bigint): number {
  let changed = 0;
  const chunk = Buffer.alloc(PAGE * 1024);
  for (let segment = 0; ; segment++) {
    const file = segment === 0 ? relationFile : `${relationFile}.${segment}`;
    if (!fs.existsSync(file)) return changed;
    const fd = fs.openSync(file, 'r');
    try {
      for (let read; (read = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0;) {
        for (let at = 0; at + PAGE <= read; at += PAGE) {
          const lsn = (BigInt(chunk.readUInt32LE(at)) << 32n) | BigInt(chunk.readUInt32LE(at + 4));
          if (lsn > since) changed++;
        }
      }
    } finally {
      fs.closeSync(fd);
    }
  }
}

/**
 * Own bytes of clone `database` after updating 1 % of its rows, spread over the table, against
 * what the update had to write: the heap pages it changed and the primary key's index pages it
 * changed (a non-HOT update adds an index entry for every new row version). Both counted from
 * the pages' LSNs after a checkpoint; WAL left out of the own bytes (the server's working space).
 */
export async function measureUpdate(engine: PostgresEngine, client: pg.Client, database: string) {
  const dataDir = path.join(engine.storeDir, 'databases', database);
  const where = 'WHERE id % 100 = 37';
  const blocks = `SELECT count(DISTINCT (ctid::text::point)[0])::int AS n FROM t ${where}`;
  const before = (await client.query(blocks)).rows[0].n as number;
  const { rows } = await client.query<{ lsn: string; heap: string; index: string }>(
    "SELECT pg_current_wal_lsn()::text AS lsn, pg_relation_filepath('t') AS heap, pg_relation_filepath('t_pkey') AS index",
  );
  await client.query(`UPDATE t SET v = v || '' ${where}`);
  const after = (await client.query(blocks)).rows[0].n as number;
  await client.end();
  await engine.servers.use(database, (server) => server.asSuperuser('postgres', (superuser) => superuser.query('CHECKPOINT')));
  const since = parseLsn(rows[0]!.lsn);
  const heapPagesChanged = pagesChangedSince(path.join(dataDir, rows[0]!.heap), since);
  const indexPagesChanged = pagesChangedSince(path.join(dataDir, rows[0]!.index), since);
  const { ownBytes, ownWalBytes } = await ownFigures(engine, database);
  // A server keeps the WAL segments it recycled while it runs; they go when it stops.
  await engine.servers.stop(database);
  const stopped = await ownFigures(engine, database);
  const pagesChangedBytes = (heapPagesChanged + indexPagesChanged) * PAGE;
  return {
    heapPagesWithUpdatedRows: before + after,
    heapPagesChanged,
    indexPagesChanged,
    pagesChangedBytes,
    ownBytes,
    ownWalBytes,
    ownWithoutWalVsPagesChanged: (ownBytes - ownWalBytes) / pagesChangedBytes,
    ownWithoutWalVsHeapPagesOnly: (ownBytes - ownWalBytes) / ((before + after) * PAGE),
    ownBytesStopped: stopped.ownBytes,
    ownWalBytesStopped: stopped.ownWalBytes,
  };
}

/** The clone's own bytes, and how many of them are its WAL. */
async function ownFigures(engine: PostgresEngine, database: string) {
  const dataDir = path.join(engine.storeDir, 'databases', database);
  const ownBytes = (await engine.usage()).databases.find((usage) => usage.database === database)!.ownBytes!;
  const wal = path.join(dataDir, 'pg_wal');
  const others = [...listDirs(path.join(engine.storeDir, 'databases')), ...listDirs(path.join(engine.storeDir, 'snapshots'))];
  const ownWalBytes = (await accountBlocks([...others.filter((dir) => dir !== dataDir), wal])).ownBytes.get(wal) ?? 0;
  return { ownBytes, ownWalBytes };
}

function listDirs(dir: string): string[] {
  return fs.readdirSync(dir).map((name) => path.join(dir, name));
}
