import { assertNotSystemDatabaseName } from '../reserved-names';
import type { CloneDatabaseRequest } from '../types';
import type { SnapshotRecord } from './store/catalog';
import type { LayerStore } from './store/layer-store';

/**
 * The engine's operations as catalog changes: each is one atomic commit, moving layer ids
 * between chains; none copies data. Running instances follow through the store's chain
 * listener. Callers hold the engine's queue and have checkpointed running sources.
 */
const now = () => new Date().toISOString();

export function addDatabase(store: LayerStore, name: string, options: { loading?: boolean } = {}): void {
  assertNotSystemDatabaseName(name, 'database');
  store.commit((next) => {
    store.assertNameFree(next, 'database', name);
    next.databases[name] = {
      chain: [...next.template!, store.newLayer(next).id],
      createdAt: now(),
      ...(options.loading ? { loading: true } : {}),
    };
  });
}

/** The load of a database created from SQL finished: it is now a database like any other. */
export function finishLoading(store: LayerStore, name: string): void {
  store.commit((next) => {
    delete next.databases[name]!.loading;
  });
}

/** Databases whose load a dead process left unfinished: removed, so their names are free again. */
export function removeInterruptedLoads(store: LayerStore): string[] {
  const interrupted = Object.entries(store.snapshotOfCatalog.databases)
    .filter(([, record]) => record.loading)
    .map(([name]) => name);
  for (const name of interrupted) removeDatabase(store, name);
  return interrupted;
}

/** A new empty top over the snapshot's chain, or over the source's top, frozen now. */
export function addClone(store: LayerStore, request: CloneDatabaseRequest, snapshot: SnapshotRecord | null): void {
  assertNotSystemDatabaseName(request.target, 'target');
  const undo: Array<() => void> = [];
  store.commit(
    (next) => {
      store.assertNameFree(next, 'database', request.target);
      const chain = snapshot ? snapshot.chain : store.freezeTop(next, request.source, undo);
      const origin = { database: request.source, ...(request.from.kind === 'snapshot' ? { snapshot: request.from.snapshot } : {}) };
      next.databases[request.target] = { chain: [...chain, store.newLayer(next).id], createdAt: now(), origin };
    },
    () => undo.forEach((step) => step()),
  );
  store.announceNewTop(request.source);
}

/** Freezes the database's top under a name; the database carries on over a new empty top. */
export function addSnapshot(store: LayerStore, name: string, database: string): void {
  const undo: Array<() => void> = [];
  store.commit(
    (next) => {
      store.assertNameFree(next, 'snapshot', name);
      next.snapshots[name] = { database, chain: store.freezeTop(next, database, undo), createdAt: now() };
    },
    () => undo.forEach((step) => step()),
  );
  store.announceNewTop(database);
}

/** Restore in place: the (stopped) database gets a new empty top over the snapshot's chain. */
export function pointAtSnapshot(store: LayerStore, database: string, snapshot: SnapshotRecord): void {
  store.commit((next) => {
    next.databases[database]!.chain = [...snapshot.chain, store.newLayer(next).id];
  });
}

/** Returns the bytes freed: layers nothing else holds. */
export function removeDatabase(store: LayerStore, name: string): number {
  return store.commit((next) => {
    delete next.databases[name];
  });
}

export function removeSnapshot(store: LayerStore, name: string): number {
  return store.commit((next) => {
    delete next.snapshots[name];
  });
}
