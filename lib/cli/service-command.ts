import { validation } from '@/lib/errors';
import { defaultServiceDir, type EngineConfig, engineConfigsFromEnv, LOCAL_ENGINE_KINDS, openEngine } from '@/lib/engines/registry';
import type { Engine } from '@/lib/engines/types';
import { parseArgs } from './args';
import { EXIT } from './exit-codes';
import type { CliCommand, CliIO } from './io';

/**
 * `clonedeck engine serve`: the engine service. It owns the local engines' stores (the
 * embedded engine's, and the PostgreSQL engine's when configured), keeps their databases
 * reachable by clients, and answers dashboards (one or several replicas) on its control
 * socket. Restarting a dashboard leaves databases and their clients alone.
 */
export const runServiceCommand: CliCommand = async (argv, io) => {
  const args = parseArgs(argv, { flags: ['json', 'quiet'], options: ['data-dir', 'service-dir'] });
  if (args.positionals.length > 0) throw validation('"engine serve" takes no arguments.');
  const configs = localEngineConfigs(args.options.get('data-dir'));
  const dir = args.options.get('service-dir') ?? defaultServiceDir();
  const { secureClonedeckHome } = await import('@/lib/setup/private-home');
  secureClonedeckHome();
  const engines = new Map<string, Engine>();
  let service: { socketPath: string; close(): Promise<void> } | null = null;
  try {
    for (const config of configs) engines.set(config.id, await openEngine(config));
    const { startEngineService } = await import('@/lib/engines/service/server');
    service = await startEngineService(engines, dir);
    await announce(engines, service.socketPath, io, { json: args.flags.has('json'), quiet: args.flags.has('quiet') });
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
  } finally {
    await service?.close();
    for (const engine of engines.values()) await engine.close();
  }
  return EXIT.ok;
};

/** The local engines this environment configures, opened here (never through another service). */
function localEngineConfigs(dataDir: string | undefined): EngineConfig[] {
  const configs = engineConfigsFromEnv()
    .filter((config) => LOCAL_ENGINE_KINDS.includes(config.kind))
    .map(({ service: _ignored, ...config }) => (config.kind === 'embedded' && dataDir ? { ...config, dataDir } : config));
  if (configs.length === 0) throw validation('No local engine to serve: CLONEDECK_EMBEDDED=off and the PostgreSQL engine is not on.');
  return configs;
}

async function announce(engines: Map<string, Engine>, socketPath: string, io: CliIO, options: { json: boolean; quiet: boolean }) {
  const databases: Array<{ engine: string; database: string; url: string }> = [];
  if (!options.quiet) {
    for (const [id, engine] of engines) {
      for (const { name } of await engine.listDatabases())
        databases.push({ engine: id, database: name, url: (await engine.connectionInfo(name)).url });
    }
  }
  if (options.json) {
    io.out(JSON.stringify({ ok: true, service: socketPath, engines: [...engines.keys()], databases }));
    return;
  }
  for (const { engine, database, url } of databases) io.out(`${`${engine}/${database}`.padEnd(32)} ${url}`);
  io.out(`Engine service on ${socketPath} (engines: ${[...engines.keys()].join(', ')}); press Ctrl+C to stop.`);
}
