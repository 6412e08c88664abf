import type { EngineLookup } from '@/lib/domain/context';
import { defaultEngineId, type EngineConfig, engineConfigsFromEnv, openEngine } from '@/lib/engines/registry';
import type { Engine } from '@/lib/engines/types';
import { notFound } from '@/lib/errors';

/**
 * The engines configured for this server, each opened once on first use and kept on
 * globalThis (Next.js bundles server code in several chunks; there must be one engine,
 * and one owner of the embedded store).
 */
class ConfiguredEngines implements EngineLookup {
  readonly defaultId: string;
  private readonly opened = new Map<string, Promise<Engine>>();

  constructor(readonly configs: EngineConfig[]) {
    this.defaultId = defaultEngineId();
  }

  ids(): string[] {
    return this.configs.map((config) => config.id);
  }

  config(engineId: string): EngineConfig {
    const config = this.configs.find((candidate) => candidate.id === engineId);
    if (!config) throw notFound(`No engine "${engineId}" is configured on this server.`);
    return config;
  }

  get(engineId: string): Promise<Engine> {
    let engine = this.opened.get(engineId);
    if (!engine) {
      engine = openEngine(this.config(engineId));
      engine.catch(() => this.opened.delete(engineId));
      this.opened.set(engineId, engine);
    }
    return engine;
  }

  async closeAll(): Promise<void> {
    const engines = [...this.opened.values()];
    this.opened.clear();
    await Promise.all(engines.map(async (engine) => (await engine.catch(() => null))?.close()));
  }
}

const globals = globalThis as typeof globalThis & { __clonedeckEngines?: ConfiguredEngines };

export function getEngines(): ConfiguredEngines {
  globals.__clonedeckEngines ??= new ConfiguredEngines(engineConfigsFromEnv());
  return globals.__clonedeckEngines;
}

export type { ConfiguredEngines };
