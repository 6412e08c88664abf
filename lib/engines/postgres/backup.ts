import fs from 'node:fs';
import path from 'node:path';
import type { FileCloner } from './file-clone';
import type { BlankSegment } from './wal-blank';
import type { PgServer } from './server';

/**
 * A consistent copy of a running server's data directory, without stopping it or its clients:
 * PostgreSQL's backup API around a file-level copy. Pages torn by writes during the copy are
 * repaired on the copy's first start by replaying the WAL from the backup's checkpoint (full
 * page images are forced on during a backup); the backup label tells it where to begin.
 */
export async function onlineCopy(server: PgServer, target: string, cloner: FileCloner, blank: BlankSegment): Promise<void> {
  await server.asSuperuser('postgres', async (client) => {
    const start = await client.query<{ segment: string }>("SELECT pg_walfile_name(pg_backup_start('clonedeck', true)) AS segment");
    let stopped = false;
    try {
      await cloner.copyEntries(server.dataDir, target, (entry) => !SKIPPED.has(entry), { tolerateVanished: true });
      const { rows } = await client.query<{ labelfile: string; segment: string }>(
        'SELECT labelfile, pg_walfile_name(lsn) AS segment FROM pg_backup_stop(false)',
      );
      stopped = true;
      // Only the WAL recovery needs, from the backup's checkpoint to its end (copied after the
      // stop, so every record is there): not the recycled segments a busy server keeps.
      await copyWal(server.dataDir, target, start.rows[0]!.segment, rows[0]!.segment, cloner);
      await blank.placeAfter(path.join(target, 'pg_wal'), rows[0]!.segment);
      writeOwnedLike(target, 'backup_label', rows[0]!.labelfile);
    } finally {
      if (!stopped) await client.query('SELECT pg_backup_stop(false)').catch(() => undefined);
    }
  });
}

/** Not copied: the running server's lock and options, and the WAL (copied separately). */
const SKIPPED = new Set(['postmaster.pid', 'postmaster.opts', 'pg_wal']);
const SEGMENT = /^[0-9A-F]{24}$/;

async function copyWal(dataDir: string, target: string, first: string, last: string, cloner: FileCloner): Promise<void> {
  const wal = path.join(target, 'pg_wal');
  const owner = fs.statSync(target);
  for (const dir of [wal, path.join(wal, 'archive_status')]) {
    fs.mkdirSync(dir, { mode: 0o700 });
    fs.chownSync(dir, owner.uid, owner.gid);
  }
  const wanted = (entry: string) => (SEGMENT.test(entry) ? entry >= first && entry <= last : entry.endsWith('.history'));
  await cloner.copyEntries(path.join(dataDir, 'pg_wal'), wal, wanted, { tolerateVanished: false });
}

function writeOwnedLike(dir: string, name: string, text: string): void {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text, { mode: 0o600 });
  const owner = fs.statSync(dir);
  fs.chownSync(file, owner.uid, owner.gid);
}
