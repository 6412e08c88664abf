import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type pg from 'pg';
import type { PostgresEngine } from '@/lib/engines/postgres';
import { type PgbenchTarget, pgbenchSideBySide, serverMemory } from './postgres-load';

const run = promisify(execFile);

/** pgbench's tables at scale 10 (150 MB) in a new database through the front door. */
export async function pgbenchInit(engine: PostgresEngine, port: number, database: string): Promise<void> {
  await engine.createDatabase(database);
  const { password } = await engine.abilities.credentials!.reveal(database, 'read-write');
  await run('pgbench', ['-i', '-s', '10', '-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'app', database], {
    env: { ...process.env, PGPASSWORD: password, PGSSLMODE: 'require' },
  });
}

/**
 * pgbench side by side, in one run: fresh clones of a pgbench database (through the front door
 * with TLS, and on the clone server's own socket), an environment that is not a clone (the same
 * lean settings on blocks of its own: what the clone's copy-on-write costs), and `plain`, a
 * plain PostgreSQL 18 server with its default settings on the same file system when given.
 */
export async function pgbenchOnClones(
  engine: PostgresEngine,
  port: number,
  connect: (database: string) => Promise<pg.Client>,
  options: { plain?: PgbenchTarget; rounds: number; sliceSeconds: number },
) {
  await pgbenchInit(engine, port, 'pgb_src');
  await pgbenchInit(engine, port, 'pgb_own');
  await engine.cloneDatabase({ source: 'pgb_src', target: 'pgb', from: { kind: 'now' } });
  await engine.cloneDatabase({ source: 'pgb_src', target: 'pgb_socket', from: { kind: 'now' } });
  const socketTarget = async (database: string): Promise<PgbenchTarget> => {
    const { user, password } = await engine.abilities.credentials!.reveal(database, 'read-write');
    return { host: engine.servers.socketDirOf(database), port: 5432, user, database, password, ssl: false };
  };
  const clone = await engine.abilities.credentials!.reveal('pgb', 'read-write');
  const targets: Record<string, PgbenchTarget> = {
    ...(options.plain ? { plain: options.plain } : {}),
    notAClone: await socketTarget('pgb_own'),
    cloneFrontDoorTls: { host: '127.0.0.1', port, user: clone.user, database: 'pgb', password: clone.password, ssl: true },
    cloneSocket: await socketTarget('pgb_socket'),
  };
  // The same warm-up everywhere: the tables read once, so no server starts on a cold cache.
  for (const database of ['pgb_own', 'pgb', 'pgb_socket']) {
    const client = await connect(database);
    await client.query('SELECT count(*) FROM pgbench_accounts');
    await client.end();
  }
  // Held for the whole comparison: the idle sweeper must not stop a server between slices.
  const holds = await Promise.all(['pgb_own', 'pgb', 'pgb_socket'].map((database) => engine.servers.hold(database)));
  try {
    const idleBytes = await serverMemory(engine.servers.socketDirOf('pgb'));
    let runningBytes = 0;
    const sideBySide = await pgbenchSideBySide(targets, options.plain ? 'plain' : 'notAClone', {
      ...options,
      whileRunning: {
        target: 'cloneFrontDoorTls',
        work: async () => void (runningBytes = await serverMemory(engine.servers.socketDirOf('pgb'))),
      },
    });
    return { pgbench: sideBySide, memory: { idleBytes, runningBytes } };
  } finally {
    for (const hold of holds) hold.release();
  }
}
