import { conflict, isAppError, notFound } from '@/lib/errors';
import { FrontDoor, type FrontDoorOptions, type FrontDoorRouter, type Route } from './front-door';
import { frontDoorTls } from './tls';

export interface DoorOptions {
  listen: FrontDoorOptions['listen'];
  publicHost: string;
  /** Where the door's certificate and key live (made on first start when absent). */
  tlsDir: string;
  plaintext?: FrontDoorOptions['plaintext'];
}

export interface DoorMembership {
  door: FrontDoor;
  port: number;
  /** Holds a new database's name for this engine while it creates it (see `EnginesRouter.reserve`); resolves to the release. */
  reserve(database: string): Promise<() => void>;
  /** Stops routing to this engine; the door closes when the last engine leaves. */
  close(): Promise<void>;
}

/**
 * The engines of one process behind one Postgres port: each local engine joins with the
 * router for its databases, and a client is sent to the engine that has its database. An
 * address with port 0 (tests) always gets a door of its own.
 */
class EnginesRouter implements FrontDoorRouter {
  readonly routers: FrontDoorRouter[] = [];

  get users(): ReadonlySet<string> {
    return new Set(this.routers.flatMap((router) => [...router.users]));
  }

  async verifierOf(database: string, user: string): Promise<string> {
    return this.first((router) =>
      router.users.has(user) ? router.verifierOf(database, user) : Promise.reject(notFound('No such role here.')),
    );
  }

  async route(database: string): Promise<Route> {
    return this.first((router) => router.route(database));
  }

  async has(database: string): Promise<boolean> {
    for (const router of this.routers) if (await router.has(database)) return true;
    return false;
  }

  /** Names an engine behind this door is creating a database under, and which engine. */
  private readonly reserved = new Map<string, FrontDoorRouter>();

  /**
   * Holds `database` for `owner` while it creates it. The door finds a database by its name
   * alone, so two engines behind it must never hold the same one: CONFLICT when another engine
   * has it or is creating it. The owner releases once the database is in its catalog (or the
   * creation failed).
   */
  async reserve(owner: FrontDoorRouter, database: string): Promise<() => void> {
    const holder = this.reserved.get(database);
    if (holder && holder !== owner) throw takenBehindDoor(database);
    if (holder) return () => undefined; // the same engine is creating it: its own check refuses the second
    this.reserved.set(database, owner);
    const release = () => void (this.reserved.get(database) === owner && this.reserved.delete(database));
    try {
      for (const router of this.routers) if (router !== owner && (await router.has(database))) throw takenBehindDoor(database);
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  private async first<T>(attempt: (router: FrontDoorRouter) => Promise<T>): Promise<T> {
    for (const router of this.routers) {
      try {
        return await attempt(router);
      } catch (error) {
        if (!(isAppError(error) && error.code === 'NOT_FOUND')) throw error;
      }
    }
    throw notFound('No such database.');
  }
}

/** Runs `work`, which records a new database `name`, with the name held by `reserve` (a door membership's, or none) until it ends. */
export async function underNewName<T>(reserve: (name: string) => Promise<() => void>, name: string, work: () => Promise<T>): Promise<T> {
  const release = await reserve(name);
  try {
    return await work();
  } finally {
    release();
  }
}

function takenBehindDoor(database: string) {
  return conflict(
    `A database named "${database}" exists (or is being created) on another local engine. Both are reached through one front door, which finds a database by its name: choose another name.`,
    'name',
  );
}

const doors = new Map<string, Promise<{ door: FrontDoor; router: EnginesRouter }>>();

export async function joinFrontDoor(router: FrontDoorRouter, options: DoorOptions): Promise<DoorMembership> {
  const key = `${options.listen.host}:${options.listen.port}`;
  const shared = options.listen.port !== 0;
  let opening = shared ? doors.get(key) : undefined;
  if (!opening) {
    opening = (async () => {
      const engines = new EnginesRouter();
      const { context } = frontDoorTls(options.tlsDir, options.publicHost);
      const door = new FrontDoor(engines, { listen: options.listen, tls: context, plaintext: options.plaintext ?? 'loopback' });
      await door.listen();
      return { door, router: engines };
    })();
    if (shared) doors.set(key, opening);
    opening.catch(() => doors.delete(key));
  }
  const { door, router: engines } = await opening;
  engines.routers.push(router);
  return {
    door,
    port: door.port,
    reserve: (database) => engines.reserve(router, database),
    async close() {
      const index = engines.routers.indexOf(router);
      if (index >= 0) engines.routers.splice(index, 1);
      if (engines.routers.length > 0) return;
      if (doors.get(key) === opening) doors.delete(key);
      await door.close();
    },
  };
}
