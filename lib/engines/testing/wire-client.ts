import net from 'node:net';
import pg from 'pg';
import { urlWithPassword } from '../front-door/credentials';
import type { Engine } from '../types';

/** How a client of the environment connects: the front door's address and the role's password, over TLS. */
export async function clientConfig(
  engine: Engine,
  database: string,
  access: 'read-write' | 'read-only' = 'read-write',
): Promise<pg.ClientConfig> {
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

/** What psql's Ctrl+C sends: a CancelRequest with the session's key, on a new connection. */
export async function sendCancel(port: number, client: pg.Client): Promise<void> {
  const { processID, secretKey } = client as unknown as { processID: number; secretKey: number };
  const packet = Buffer.alloc(16);
  packet.writeInt32BE(16, 0);
  packet.writeInt32BE(80877102, 4);
  packet.writeInt32BE(processID, 8);
  packet.writeInt32BE(secretKey, 12);
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(packet));
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

/** The SQLSTATE a promise fails with, or null when it succeeds. */
export async function sqlStateOf(work: Promise<unknown>): Promise<string | null> {
  try {
    await work;
    return null;
  } catch (error) {
    return String((error as { code?: unknown }).code ?? error);
  }
}
