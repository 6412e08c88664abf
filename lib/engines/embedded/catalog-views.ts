import { notFound, validation } from '@/lib/errors';
import { assertName } from '../names';
import type { ConnectionInfo, DatabaseInfo, SnapshotInfo } from '../types';
import type { SnapshotRecord } from './store/catalog';
import type { LayerStore } from './store/layer-store';
import { databasesOnSnapshot } from './usage';

/** How the catalog reads in the contract's words. */
export function databaseInfo(store: LayerStore, name: string, running: boolean): DatabaseInfo {
  const record = store.database(name);
  return { name, createdAt: new Date(record.createdAt), origin: record.origin, running, state: 'ready' };
}

export function snapshotInfos(store: LayerStore): SnapshotInfo[] {
  return Object.entries(store.snapshotOfCatalog.snapshots)
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([name, record]) => ({
      name,
      level: 'database' as const,
      createdAt: new Date(record.createdAt),
      database: record.database,
      pinnedBy: databasesOnSnapshot(store, name),
    }));
}

/** The snapshot, which must have been taken of `database` (a restore or clone names both). */
export function snapshotOfDatabase(store: LayerStore, name: string, database: string): SnapshotRecord {
  assertName('snapshot', name);
  const record = store.snapshotOfCatalog.snapshots[name];
  if (!record) throw notFound(`Snapshot "${name}" does not exist.`);
  if (record.database !== database) {
    throw validation(`Snapshot "${name}" was taken of database "${record.database}", not "${database}".`, {
      snapshot: [`Snapshot "${name}" belongs to "${record.database}".`],
    });
  }
  return record;
}

const SESSION_NOTE =
  'Every client of this database shares one Postgres session (PGlite is single-user): queries are queued, ' +
  "and SET, temporary tables and prepared statement names are visible to the other clients; a client's open " +
  'transaction makes the others wait until it ends.';

export function localConnection(port: number): ConnectionInfo {
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    protocol: 'postgres',
    host: '127.0.0.1',
    port,
    user: 'postgres',
    database: 'postgres',
    url,
    command: `psql "${url}"`,
    notes: [SESSION_NOTE],
  };
}
