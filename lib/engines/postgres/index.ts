import { configFrom } from '@/lib/config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { frontDoorAddress } from '../front-door/config';
import { findPgBinaries, serverUser } from './binaries';
import { Catalog } from './catalog';
import { PasswordBox } from '../front-door/credentials';
import { PostgresEngine } from './engine';
import { fileCloner } from './file-clone';
import { BlankSegment } from './wal-blank';
import { openFrontDoor } from './front-door-route';
import { StoreLayout } from './layout';
import { resetClientRoles } from './keys';
import { stopLeftoverServers } from './server';
import { ServerSet } from './servers';

export interface PostgresEngineOptions {
  dataDir: string;
  /** Stop an environment's server after this long with no client (CLONEDECK_IDLE_SECONDS). */
  idleMs?: number;
  /** Where clients are told to connect (the front door's public host and port). */
  publicAddress?: { host: string; port: number };
  consoleTimeoutMs?: number;
}

export { PostgresEngine } from './engine';

/** The engine as the dashboard runs it: with the front door listening (CLONEDECK_ENGINE_LISTEN). */
export async function openPostgresEngineWithFrontDoor(dataDir: string): Promise<PostgresEngine> {
  const address = frontDoorAddress();
  const engine = await openPostgresEngine({ dataDir, publicAddress: address.public, idleMs: configFrom().CLONEDECK_IDLE_SECONDS * 1000 });
  const door = await openFrontDoor(engine, { listen: address.listen, publicHost: address.public.host }).catch(async (error: unknown) => {
    await engine.close();
    throw error;
  });
  engine.onClose('before-servers', () => door.close());
  return engine;
}

/** Opens (or creates) the store: catalog, key, orphan clean-up; servers start on first use. */
export async function openPostgresEngine(options: PostgresEngineOptions): Promise<PostgresEngine> {
  const user = serverUser();
  const layout = new StoreLayout(options.dataDir, user);
  const catalog = new Catalog(layout.catalogFile);
  await stopLeftoverServers([layout.template, ...fs.readdirSync(layout.databases).map((name) => layout.database(name))]);
  layout.removeOrphans({ databases: Object.keys(catalog.current.databases), snapshots: Object.keys(catalog.current.snapshots) });
  // Unix socket paths are short (108 bytes): the folders live in the system temp folder.
  const socketRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cdpg-'));
  fs.chmodSync(socketRoot, user.uid === undefined ? 0o700 : 0o711);
  const binaries = await findPgBinaries();
  const servers = new ServerSet(
    socketRoot,
    binaries,
    user,
    (database) => layout.database(database),
    options.idleMs ?? 120_000,
    (_database, server) => resetClientRoles(server),
  );
  const cloner = await fileCloner(layout.root);
  const engine = new PostgresEngine({
    layout,
    catalog,
    servers,
    cloner,
    blank: new BlankSegment(layout.walBlank, cloner),
    binaries,
    user,
    passwords: PasswordBox.open(layout.root),
    publicAddress: options.publicAddress ?? { host: '127.0.0.1', port: 6432 },
    consoleTimeoutMs: options.consoleTimeoutMs ?? 30_000,
  });
  const removeSockets = () => fs.rmSync(socketRoot, { recursive: true, force: true });
  process.on('exit', removeSockets);
  engine.onClose('after-servers', () => {
    process.off('exit', removeSockets);
    removeSockets();
  });
  return engine;
}
