import type { Engine, EngineAbilities, EngineOperation } from '@/lib/engines/types';

/**
 * A real engine whose changing calls are also written down, as the EngineOperation each call
 * carries out. Every call still reaches the engine: tests compare what really ran with what a
 * preview promised.
 */
export function recordingEngine(engine: Engine, calls: EngineOperation[]): Engine {
  const record =
    <A extends unknown[], R>(asOperation: (...args: A) => EngineOperation, call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      calls.push(asOperation(...args));
      return call(...args);
    };
  const { restore, credentials } = engine.abilities;
  const abilities: EngineAbilities = {
    ...engine.abilities,
    restore: restore && {
      mode: restore.mode,
      restoreDatabase: record(
        (database: string, snapshot: string) => ({ kind: 'restoreDatabase', database, snapshot }),
        (database, snapshot) => restore.restoreDatabase(database, snapshot),
      ),
    },
    credentials: credentials && {
      reveal: (database, access) => credentials.reveal(database, access),
      rotate: record(
        (database: string) => ({ kind: 'rotateCredentials', database }),
        (database) => credentials.rotate(database),
      ),
      setValidUntil: record(
        (database: string, until: Date | null) => ({ kind: 'setCredentialsValidUntil', database, until: until?.toISOString() ?? null }),
        (database, until) => credentials.setValidUntil(database, until),
      ),
    },
  };
  return {
    kind: engine.kind,
    label: engine.label,
    dialect: engine.dialect,
    snapshotLevels: engine.snapshotLevels,
    deltaAccounting: engine.deltaAccounting,
    asyncClone: engine.asyncClone,
    abilities,
    health: () => engine.health(),
    listDatabases: () => engine.listDatabases(),
    getDatabase: (name) => engine.getDatabase(name),
    listSnapshots: () => engine.listSnapshots(),
    usage: () => engine.usage(),
    connectionInfo: (database) => engine.connectionInfo(database),
    query: (database, sql, options) => engine.query(database, sql, options),
    close: () => engine.close(),
    createDatabase: record(
      (database: string) => ({ kind: 'createDatabase', database }),
      (name, options?: Parameters<Engine['createDatabase']>[1]) => engine.createDatabase(name, options),
    ),
    cloneDatabase: record(
      (request) => ({ kind: 'cloneDatabase', request }),
      (request) => engine.cloneDatabase(request),
    ),
    dropDatabase: record(
      (database: string) => ({ kind: 'dropDatabase', database }),
      (name) => engine.dropDatabase(name),
    ),
    createSnapshot: record(
      (snapshot: string, target) => ({ kind: 'createSnapshot', snapshot, target }),
      (name, target: Parameters<Engine['createSnapshot']>[1]) => engine.createSnapshot(name, target),
    ),
    dropSnapshot: record(
      (snapshot: string) => ({ kind: 'dropSnapshot', snapshot }),
      (name) => engine.dropSnapshot(name),
    ),
  };
}
