import fs from 'node:fs';
import path from 'node:path';
import type { FileCloner } from './file-clone';
import type { PgServer } from './server';

/**
 * A consistent copy of a running server's data directory, without stopping it or its clients:
 * PostgreSQL's backup API around a file-level copy. Pages torn by writes during the copy are
 * repaired on the copy's first start by replaying the WAL from the backup's checkpoint (full
 * page images are forced on during a backup); the backup label tells it where to begin.
 */
export async function onlineCopy(server: PgServer, target: string, cloner: FileCloner): Promise<void> {
  await server.asSuperuser('postgres', async (client) => {
    await client.query("SELECT pg_backup_start('clonedeck', true)");
    let stopped = false;
    try {
      await cloner.copyTree(server.dataDir, target, { tolerateVanished: true });
      const { rows } = await client.query<{ labelfile: string }>('SELECT labelfile FROM pg_backup_stop(false)');
      stopped = true;
      // The WAL up to the backup's end: copied after the stop, so every record recovery needs is there.
      fs.rmSync(path.join(target, 'pg_wal'), { recursive: true, force: true });
      await cloner.copyTree(path.join(server.dataDir, 'pg_wal'), path.join(target, 'pg_wal'), { tolerateVanished: true });
      const label = path.join(target, 'backup_label');
      fs.writeFileSync(label, rows[0]!.labelfile, { mode: 0o600 });
      const owner = fs.statSync(target);
      fs.chownSync(label, owner.uid, owner.gid);
      for (const file of ['postmaster.pid', 'postmaster.opts']) fs.rmSync(path.join(target, file), { force: true });
    } finally {
      if (!stopped) await client.query('SELECT pg_backup_stop(false)').catch(() => undefined);
    }
  });
}
