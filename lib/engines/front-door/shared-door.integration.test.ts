import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedEngine, openEmbeddedEngine } from '../embedded';
import { openPostgresEngine, type PostgresEngine } from '../postgres';
import { openFrontDoor } from '../postgres/front-door-route';
import type { DoorMembership } from './shared-door';

/** A loopback port nobody listens on now (a door on port 0 is never shared, so the test needs a real one). */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const rejectsAsConflict = (attempt: Promise<unknown>) => expect(attempt).rejects.toMatchObject({ code: 'CONFLICT' });

describe('one front door for both local engines', () => {
  let dir: string;
  let embedded: EmbeddedEngine;
  let postgres: PostgresEngine;
  let postgresDoor: DoorMembership;
  let port: number;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-shared-door-'));
    port = await freePort();
    const listen = { host: '127.0.0.1', port };
    embedded = await openEmbeddedEngine({ dataDir: path.join(dir, 'embedded'), door: { listen, publicHost: '127.0.0.1' } });
    postgres = await openPostgresEngine({ dataDir: path.join(dir, 'postgres'), idleMs: 60_000 });
    postgresDoor = await openFrontDoor(postgres, { listen, publicHost: '127.0.0.1' });
    await embedded.createDatabase('only_embedded');
    await postgres.createDatabase('only_postgres');
  }, 180_000);

  afterAll(async () => {
    await postgresDoor?.close();
    await postgres?.close();
    await embedded?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const connect = async (engine: EmbeddedEngine | PostgresEngine, database: string) => {
    const credentials = await engine.abilities.credentials!.reveal(database, 'read-write');
    const client = new pg.Client({ host: '127.0.0.1', port, database, ...credentials, ssl: { rejectUnauthorized: false } });
    await client.connect();
    return client;
  };

  it('is one port, and each client reaches the engine that holds its database', async () => {
    expect(postgresDoor.port).toBe(port);
    for (const [engine, database, server] of [
      [embedded, 'only_embedded', 'PGlite'],
      [postgres, 'only_postgres', 'PostgreSQL 18'],
    ] as const) {
      const client = await connect(engine, database);
      const { rows } = await client.query<{ version: string }>('SELECT version()');
      await client.end();
      expect(rows[0]!.version.includes('emscripten')).toBe(server === 'PGlite');
    }
  });

  it('refuses a name the other engine holds, for a new database and for a clone, and creates nothing', async () => {
    await rejectsAsConflict(postgres.createDatabase('only_embedded'));
    await rejectsAsConflict(postgres.cloneDatabase({ source: 'only_postgres', target: 'only_embedded', from: { kind: 'now' } }));
    await rejectsAsConflict(embedded.createDatabase('only_postgres'));
    await rejectsAsConflict(embedded.cloneDatabase({ source: 'only_embedded', target: 'only_postgres', from: { kind: 'now' } }));
    expect((await postgres.listDatabases()).map((database) => database.name)).toEqual(['only_postgres']);
    expect((await embedded.listDatabases()).map((database) => database.name)).toEqual(['only_embedded']);
    // The client of each still reaches its own database.
    const client = await connect(embedded, 'only_embedded');
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await client.end();
  });

  it('gives a name asked of both engines at once to exactly one of them', async () => {
    const outcomes = await Promise.allSettled([embedded.createDatabase('both_at_once'), postgres.createDatabase('both_at_once')]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'CONFLICT' });
    const holders = [await embedded.getDatabase('both_at_once'), await postgres.getDatabase('both_at_once')].filter(Boolean);
    expect(holders).toHaveLength(1);
  });

  it('frees the name when the database is dropped', async () => {
    await embedded.createDatabase('moves_over');
    await embedded.dropDatabase('moves_over');
    await postgres.createDatabase('moves_over');
    const client = await connect(postgres, 'moves_over');
    expect((await client.query<{ db: string }>('SELECT current_database() AS db')).rows).toEqual([{ db: 'moves_over' }]);
    await client.end();
  });
});
