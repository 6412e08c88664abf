import path from 'node:path';
import { validation } from '@/lib/errors';
import { configFrom, type EnvVars } from '@/lib/config';
import { clonedeckHome } from '@/lib/home';
import type { Engine, EngineKind, SqlDialect } from './types';

/** Where an engine lives, as read from the environment. */
export interface EngineConfig {
  /** Stable id used in the metadata store, e.g. "embedded", "matrixone". */
  id: string;
  kind: EngineKind;
  /** Connection URL for server engines (mysql://… for MatrixOne, postgres://… for YugabyteDB). */
  url?: string;
  /** Embedded engine: the store directory. */
  dataDir?: string;
  /** MatrixOne: the account restores apply to (defaults to `sys`). */
  account?: string;
  /**
   * Local engines (embedded, PostgreSQL) run by an engine service in its own process: the
   * service's folder (CLONEDECK_ENGINE_SERVICE). Unset: the engine runs in this process.
   */
  service?: string;
}

/** The engines a service process can run for others: the ones whose store is local. */
export const LOCAL_ENGINE_KINDS: readonly EngineKind[] = ['embedded', 'postgres'];

/** The engine service's folder (its control socket and secret): CLONEDECK_ENGINE_SERVICE, else `engine-service/` in the home. */
export function defaultServiceDir(env: EnvVars = process.env): string {
  return configFrom(env).CLONEDECK_ENGINE_SERVICE || path.join(clonedeckHome(env), 'engine-service');
}

export const ENGINE_KINDS: readonly EngineKind[] = ['embedded', 'postgres', 'matrixone', 'yugabyte'];

/** The embedded engine's store: CLONEDECK_DATA_DIR, else `engine/` in Clonedeck's home. */
export function defaultDataDir(env: EnvVars = process.env): string {
  return configFrom(env).CLONEDECK_DATA_DIR || path.join(clonedeckHome(env), 'engine');
}

/** The PostgreSQL engine's store: CLONEDECK_POSTGRES_DIR, else `engine-postgres/` in Clonedeck's home. */
export function defaultPostgresDir(env: EnvVars = process.env): string {
  return configFrom(env).CLONEDECK_POSTGRES_DIR || path.join(clonedeckHome(env), 'engine-postgres');
}

/**
 * The engines configured by the environment: the embedded engine always (unless
 * CLONEDECK_EMBEDDED=off), the PostgreSQL engine when CLONEDECK_POSTGRES=on or it is the
 * default engine, MatrixOne when MATRIXONE_URL is set, YugabyteDB when YUGABYTE_URL is set.
 * With CLONEDECK_ENGINE_SERVICE the local ones are reached through that engine service.
 */
export function engineConfigsFromEnv(env: EnvVars = process.env): EngineConfig[] {
  const config = configFrom(env);
  const configs: EngineConfig[] = [];
  if (config.CLONEDECK_EMBEDDED === 'on') configs.push({ id: 'embedded', kind: 'embedded', dataDir: defaultDataDir(env) });
  if (config.CLONEDECK_POSTGRES === 'on' || config.CLONEDECK_ENGINE === 'postgres') {
    configs.push({ id: 'postgres', kind: 'postgres', dataDir: defaultPostgresDir(env) });
  }
  if (config.MATRIXONE_URL) {
    configs.push({ id: 'matrixone', kind: 'matrixone', url: config.MATRIXONE_URL, account: config.MATRIXONE_ACCOUNT });
  }
  if (config.YUGABYTE_URL) configs.push({ id: 'yugabyte', kind: 'yugabyte', url: config.YUGABYTE_URL });
  const service = config.CLONEDECK_ENGINE_SERVICE;
  return service ? configs.map((engine) => (LOCAL_ENGINE_KINDS.includes(engine.kind) ? { ...engine, service } : engine)) : configs;
}

/** The engine production lives on: CLONEDECK_ENGINE (one of ENGINE_KINDS), else the embedded engine. */
export function defaultEngineId(env: EnvVars = process.env): string {
  return configFrom(env).CLONEDECK_ENGINE;
}

/**
 * Opens the engine a configuration names: through its engine service when it has one, else in
 * this process. Each engine's module is loaded only when used.
 */
export async function openEngine(config: EngineConfig): Promise<Engine> {
  if (config.service) {
    const { connectEngineService } = await import('./service/client');
    return connectEngineService(config.service, config.id);
  }
  switch (config.kind) {
    case 'embedded': {
      const { openEmbeddedEngine } = await import('./embedded');
      const { frontDoorAddress } = await import('./front-door/config');
      const address = frontDoorAddress();
      return openEmbeddedEngine({
        dataDir: config.dataDir ?? defaultDataDir(),
        door: { listen: address.listen, publicHost: address.public.host },
      });
    }
    case 'postgres': {
      const { openPostgresEngineWithFrontDoor } = await import('./postgres');
      return openPostgresEngineWithFrontDoor(config.dataDir ?? defaultPostgresDir());
    }
    case 'matrixone': {
      const { openMatrixOneEngine } = await import('./matrixone');
      return openMatrixOneEngine({ url: requireUrl(config), account: config.account });
    }
    case 'yugabyte': {
      const { openYugabyteEngine } = await import('./yugabyte');
      return openYugabyteEngine({ url: requireUrl(config) });
    }
  }
}

/** The SQL dialect of an engine kind, for describing operations without connecting. */
export async function dialectFor(kind: EngineKind, serverVersion?: string): Promise<SqlDialect> {
  switch (kind) {
    case 'embedded':
      return (await import('./embedded/dialect')).embeddedDialect;
    case 'postgres':
      return (await import('./postgres/dialect')).postgresDialect;
    case 'matrixone':
      return (await import('./matrixone/dialect')).matrixOneDialect(serverVersion);
    case 'yugabyte':
      return (await import('./yugabyte/dialect')).yugabyteDialect(serverVersion);
  }
}

function requireUrl(config: EngineConfig): string {
  if (!config.url) throw validation(`Engine "${config.id}" needs a connection URL.`);
  return config.url;
}
