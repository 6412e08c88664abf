import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
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

/** A plain PostgreSQL 18 server with pgbench's tables, reached three ways. */
export interface PlainTargets {
  /** Its Unix socket: the transport a clone's own socket is compared with. */
  plainSocket: PgbenchTarget;
  /** TCP on loopback without TLS: what the front door without TLS is compared with. */
  plainTcp: PgbenchTarget;
  /** TCP on loopback with TLS: what the front door with TLS is compared with. */
  plainTls: PgbenchTarget;
}

/**
 * The like-for-like comparisons, each the first target's TPS over the second's: the issue's
 * target (a clone against a plain server, both on their Unix socket), what the engine's
 * settings and copy-on-write each cost, and what the front door's relay costs against a plain
 * server on the same transport (TCP without TLS, and with TLS), apart from TLS itself.
 */
const RATIOS: Record<string, [of: string, to: string]> = {
  cloneVsPlainSocket: ['cloneSocket', 'plainSocket'],
  notACloneVsPlainSocket: ['notAClone', 'plainSocket'],
  cloneVsNotAClone: ['cloneSocket', 'notAClone'],
  cloneFrontDoorVsPlainTcp: ['cloneFrontDoor', 'plainTcp'],
  cloneFrontDoorTlsVsPlainTls: ['cloneFrontDoorTls', 'plainTls'],
  cloneFrontDoorVsCloneSocket: ['cloneFrontDoor', 'cloneSocket'],
  plainTcpVsPlainSocket: ['plainTcp', 'plainSocket'],
  plainTlsVsPlainTcp: ['plainTls', 'plainTcp'],
};

/**
 * pgbench side by side, in one run: fresh clones of a pgbench database (on the clone server's
 * own socket, and through the front door without and with TLS), an environment that is not a
 * clone (the same settings on blocks of its own: what the clone's copy-on-write costs), and
 * `plain`, a plain PostgreSQL 18 server with its default settings on the same file system, on
 * each of those transports when given.
 */
export async function pgbenchOnClones(
  engine: PostgresEngine,
  port: number,
  options: { plain?: PlainTargets; rounds: number; sliceSeconds: number },
) {
  await pgbenchInit(engine, port, 'pgb_src');
  await pgbenchInit(engine, port, 'pgb_own');
  const clones = { cloneSocket: 'pgb_socket', cloneFrontDoor: 'pgb_door', cloneFrontDoorTls: 'pgb' };
  for (const target of Object.values(clones)) await engine.cloneDatabase({ source: 'pgb_src', target, from: { kind: 'now' } });
  const socketTarget = async (database: string): Promise<PgbenchTarget> => {
    const { user, password } = await engine.abilities.credentials!.reveal(database, 'read-write');
    return { host: engine.servers.socketDirOf(database), port: 5432, user, database, password, ssl: false };
  };
  const doorTarget = async (database: string, ssl: boolean): Promise<PgbenchTarget> => {
    const { user, password } = await engine.abilities.credentials!.reveal(database, 'read-write');
    return { host: '127.0.0.1', port, user, database, password, ssl };
  };
  // Rotated in this order: each clone target next to the plain server on its transport.
  const targets: Record<string, PgbenchTarget> = {
    ...(options.plain ? { plainSocket: options.plain.plainSocket } : {}),
    cloneSocket: await socketTarget(clones.cloneSocket),
    notAClone: await socketTarget('pgb_own'),
    ...(options.plain ? { plainTcp: options.plain.plainTcp } : {}),
    cloneFrontDoor: await doorTarget(clones.cloneFrontDoor, false),
    ...(options.plain ? { plainTls: options.plain.plainTls } : {}),
    cloneFrontDoorTls: await doorTarget(clones.cloneFrontDoorTls, true),
  };
  const engineTargets: Record<string, string> = { notAClone: 'pgb_own', ...clones };
  // Held for the whole comparison: the idle sweeper must not stop a server between slices.
  const holds = await Promise.all(Object.values(engineTargets).map((database) => engine.servers.hold(database)));
  try {
    const idleBytes = await serverMemory(engine.servers.socketDirOf('pgb'));
    let runningBytes = 0;
    const sideBySide = await pgbenchSideBySide(targets, options.plain ? 'plainSocket' : 'notAClone', {
      ...options,
      ratios: RATIOS,
      whileRunning: {
        target: 'cloneFrontDoorTls',
        work: async () => void (runningBytes = await serverMemory(engine.servers.socketDirOf('pgb'))),
      },
    });
    // After the slices (a checkpoint before them would give these servers full-page writes the plain one has not).
    const heapExtents = Object.fromEntries(
      await Promise.all(Object.entries(engineTargets).map(async ([name, database]) => [name, await accountsExtents(engine, database)])),
    );
    return { pgbench: sideBySide, memory: { idleBytes, runningBytes }, heapExtentsAfter: heapExtents };
  } finally {
    for (const hold of holds) hold.release();
  }
}

/**
 * How many extents hold the file of `pgbench_accounts` after a checkpoint (`filefrag`): one or a
 * few for a table written once; a clone's copy-on-write splits it at every run of blocks first
 * written after the copy.
 */
async function accountsExtents(engine: PostgresEngine, database: string): Promise<number> {
  return engine.servers.use(database, async (server) => {
    const file = await server.asSuperuser(database, async (client) => {
      await client.query('CHECKPOINT');
      return (await client.query<{ file: string }>("SELECT pg_relation_filepath('pgbench_accounts') AS file")).rows[0]!.file;
    });
    const { stdout } = await run('filefrag', [path.join(server.dataDir, file)]);
    return Number(/(\d+) extents? found/.exec(stdout)?.[1]);
  });
}
