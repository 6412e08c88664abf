import type { EmbeddedEngine } from '@/lib/engines/embedded';
import type { QueryResult, StorageUsage } from '@/lib/engines/types';
import { formatBytes } from '@/lib/format/bytes';
import { textTable } from '@/lib/format/text-table';
import { EXIT } from './exit-codes';
import type { CliIO } from './io';

export async function printList(engine: EmbeddedEngine, io: CliIO, json: boolean): Promise<number> {
  const databases = await engine.listDatabases();
  const snapshots = await engine.listSnapshots();
  if (json) {
    io.out(JSON.stringify({ ok: true, databases, snapshots }));
    return EXIT.ok;
  }
  io.out(
    textTable(
      ['database', 'created', 'origin', 'running'],
      databases.map((database) => [
        database.name,
        database.createdAt?.toISOString() ?? '',
        database.origin ? `${database.origin.database}${database.origin.snapshot ? `@${database.origin.snapshot}` : ''}` : '',
        database.running ? 'yes' : 'no',
      ]),
    ),
  );
  if (snapshots.length) {
    io.out('');
    io.out(
      textTable(
        ['snapshot', 'database', 'created', 'pinned by'],
        snapshots.map((snapshot) => [
          snapshot.name,
          snapshot.database,
          snapshot.createdAt.toISOString(),
          (snapshot.pinnedBy ?? []).join(', '),
        ]),
      ),
    );
  }
  return EXIT.ok;
}

export function printQuery(result: QueryResult, io: CliIO, json: boolean): number {
  if (json) io.out(JSON.stringify({ ok: true, ...result }));
  else if (result.columns.length) {
    io.out(textTable(result.columns, result.rows));
    io.out(`(${result.rowCount} row${result.rowCount === 1 ? '' : 's'}${result.truncated ? ', truncated' : ''})`);
  } else io.out(`${result.command} ${result.rowCount}`);
  return EXIT.ok;
}

export function printUsage(usage: StorageUsage, io: CliIO, json: boolean): number {
  if (json) {
    io.out(JSON.stringify({ ok: true, ...usage }));
    return EXIT.ok;
  }
  io.out(
    textTable(
      ['database', 'logical', 'own (delta)', 'shared'],
      usage.databases.map((database) => [
        database.database,
        formatBytes(database.logicalBytes),
        formatBytes(database.ownBytes),
        formatBytes(database.sharedBytes),
      ]),
    ),
  );
  const saved = usage.physicalBytes === null ? null : usage.logicalBytes - usage.physicalBytes;
  io.out('');
  io.out(`sum of logical sizes: ${formatBytes(usage.logicalBytes)} (what full copies would store)`);
  io.out(`physical on disk:     ${formatBytes(usage.physicalBytes)}`);
  if (saved !== null) io.out(`saved:                ${formatBytes(saved)}`);
  return EXIT.ok;
}
