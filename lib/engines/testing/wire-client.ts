import pg from 'pg';
import { urlWithPassword } from '../front-door/credentials';
import type { Engine } from '../types';

/** How a client of the environment connects: the front door's address and the role's password, over TLS. */
export async function clientConfig(engine: Engine, database: string, access: 'read-write' | 'read-only' = 'read-write'): Promise<pg.ClientConfig> {
  const info = await engine.connectionInfo(database);
  const credentials = await engine.abilities.credentials!.reveal(database, access);
  return { host: info.host, port: info.port, database, ...credentials, ssl: { rejectUnauthorized: false } };
}

/** A connected `pg` client of the environment; a server hanging up is left to the test (no unhandled 'error'). */
export async function wireClient(engine: Engine, database: string, access: 'read-write' | 'read-only' = 'read-write'): Promise<pg.Client> {
  const client = new pg.Client(await clientConfig(engine, database, access));
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** The environment's connection string with its password filled in. */
export async function connectionUrl(engine: Engine, database: string, access: 'read-write' | 'read-only' = 'read-write'): Promise<string> {
  const info = await engine.connectionInfo(database);
  return urlWithPassword(info.url, await engine.abilities.credentials!.reveal(database, access));
}
