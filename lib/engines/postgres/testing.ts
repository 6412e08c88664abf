import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DoorMembership } from '../front-door/shared-door';
import { openFrontDoor } from './front-door-route';
import { openPostgresEngine, type PostgresEngine } from './index';

/** A PostgreSQL engine on a temporary store with its front door on a free loopback port. */
export interface EngineWithDoor {
  engine: PostgresEngine;
  door: DoorMembership;
  /** A client through the front door (TLS by default), connected. */
  connect(database: string, credentials: { user: string; password: string }, options?: { ssl?: boolean }): Promise<pg.Client>;
  close(): Promise<void>;
}

/**
 * A PostgreSQL engine on `dataDir` whose front door listens on a free loopback port, and whose
 * connection strings name that port (as the dashboard's engine does with CLONEDECK_ENGINE_LISTEN);
 * the door closes with the engine.
 */
export async function openPostgresEngineWithTestDoor(dataDir: string): Promise<PostgresEngine> {
  const publicAddress = { host: '127.0.0.1', port: 0 };
  const engine = await openPostgresEngine({ dataDir, idleMs: 60_000, publicAddress });
  const door = await openFrontDoor(engine, { listen: { host: '127.0.0.1', port: 0 }, publicHost: publicAddress.host }).catch(
    async (error: unknown) => {
      await engine.close();
      throw error;
    },
  );
  publicAddress.port = door.port; // known once the door listens; the engine names it from then on
  engine.onClose('before-servers', () => door.close());
  return engine;
}

export async function openEngineWithDoor(plaintext: 'loopback' | 'never' = 'loopback'): Promise<EngineWithDoor> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-pgdoor-'));
  const engine = await openPostgresEngine({ dataDir: path.join(dir, 'store'), idleMs: 60_000 });
  const door = await openFrontDoor(engine, { listen: { host: '127.0.0.1', port: 0 }, publicHost: 'localhost', plaintext });
  return {
    engine,
    door,
    async connect(database, credentials, options = {}) {
      const client = new pg.Client({
        host: '127.0.0.1',
        port: door.port,
        database,
        ...credentials,
        ssl: options.ssl === false ? false : { rejectUnauthorized: false },
      });
      client.on('error', () => undefined);
      await client.connect();
      return client;
    },
    async close() {
      await door.close();
      await engine.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { sqlStateOf } from '../testing/wire-client';
