import path from 'node:path';
import { configFrom } from '@/lib/config';
import { frontDoorAddress } from '../front-door/config';
import { joinFrontDoor } from '../front-door/shared-door';
import { engineUnavailable, isAppError } from '@/lib/errors';
import { restrictProcessUmask } from '@/lib/home';
import { removeInterruptedLoads } from './catalog-changes';
import { EmbeddedEngine } from './engine';
import { InstancePool } from './instances';
import { LayerStore } from './store/layer-store';
import { reclaimSpace } from './store/reclaim';
import { WireServer } from './wire-server';

export interface EmbeddedEngineOptions {
  dataDir: string;
  /** Stop a database's instance after this long unused (CLONEDECK_IDLE_SECONDS, default 120). */
  idleMs?: number;
  /** Instances running at once (CLONEDECK_MAX_RUNNING, default 8). */
  maxRunning?: number;
  /** Compact chains deeper than this (default 8). */
  maxChainDepth?: number;
  /**
   * Where the front door listens and the host connection strings name (the dashboard passes
   * CLONEDECK_ENGINE_LISTEN, a door shared with the PostgreSQL engine in this process); by
   * default a free loopback port. `false`: no door (a one-off command beside a running
   * service); connection strings then name CLONEDECK_ENGINE_LISTEN's public address.
   */
  door?: { listen: { host: string; port: number }; publicHost: string } | false;
  /** Console statements stop after this long (CLONEDECK_CONSOLE_TIMEOUT_SECONDS, default 30). */
  consoleTimeoutMs?: number;
}

export { EmbeddedEngine } from './engine';

/** Opens (or creates) the store at `dataDir`, taking its lock: one process owns a store. */
export async function openEmbeddedEngine(options: EmbeddedEngineOptions): Promise<EmbeddedEngine> {
  const config = configFrom();
  // PGlite's own files (and anything else this process writes) owner-only too.
  restrictProcessUmask();
  let store: LayerStore;
  try {
    store = LayerStore.open(options.dataDir);
    for (const name of removeInterruptedLoads(store)) {
      console.warn(`[clonedeck] embedded engine: removed ${name}, whose creation from SQL a stopped process left unfinished.`);
    }
    // Nothing runs yet: give back what a killed process left in layers (an interrupted start's
    // writes, files deleted while a layer was on top) before anyone reads the figures.
    reclaimSpace(store, () => false);
  } catch (error) {
    if (isAppError(error)) throw error;
    throw engineUnavailable(`Could not open the store in ${options.dataDir}: ${(error as Error).message}`, error);
  }
  const pool = new InstancePool(store, {
    idleMs: options.idleMs ?? config.CLONEDECK_IDLE_SECONDS * 1000,
    maxRunning: options.maxRunning ?? config.CLONEDECK_MAX_RUNNING,
    slotWaitMs: 30_000,
    turnWaitMs: config.CLONEDECK_BACKEND_WAIT_SECONDS * 1000,
  });
  const wire = new WireServer(pool);
  const consoleTimeoutMs = options.consoleTimeoutMs ?? config.CLONEDECK_CONSOLE_TIMEOUT_SECONDS * 1000;
  const engine = new EmbeddedEngine(store, pool, wire, { maxChainDepth: options.maxChainDepth ?? 8, consoleTimeoutMs });
  if (options.door === false) {
    engine.access.publicAddress = frontDoorAddress().public;
    return engine;
  }
  const door = options.door ?? { listen: { host: '127.0.0.1', port: 0 }, publicHost: '127.0.0.1' };
  try {
    const membership = await joinFrontDoor(engine.access.router, { ...door, tlsDir: path.join(options.dataDir, 'tls') });
    engine.access.publicAddress = { host: door.publicHost, port: membership.port };
    engine.access.addressOf = (sessionId) => membership.door.connectedClients().find((client) => client.pid === sessionId)?.address ?? null;
    engine.access.reserveName = membership.reserve;
    engine.onClose(() => membership.close());
  } catch (error) {
    await engine.close();
    throw engineUnavailable(
      `The front door could not listen on ${door.listen.host}:${door.listen.port}: ${(error as Error).message}`,
      error,
    );
  }
  return engine;
}
