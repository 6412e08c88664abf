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
