import os from 'node:os';
import { buildEmbedded, buildServer } from './build';
import { compareChainReads, buildDeepChain } from './chain-bench';
import { timeDumpLoadCopy, timeEmbeddedCopies } from './copy-bench';
import { measureDeltasAndRestore, measureFreshClone } from './delta-bench';
import { closeHarness, databaseUsage, type EmbeddedHarness, openHarness, topLayerBreakdown } from './embedded-harness';
import { peakRssBytes, progress } from './measure';
import { type BenchOptions, parseOptions } from './options';
import { renderReport } from './report';
import { type BenchReport, copyRatios, type ServerFigures, type SizeResult } from './results';
import { BenchServer } from './server';
import { evaluateTargets } from './targets';

const TEMPLATE_REPETITIONS = 3;

type EmbeddedPart = Omit<SizeResult, 'server' | 'copyRatios' | 'targets'>;

async function benchEmbedded(label: string, targetBytes: number): Promise<EmbeddedPart> {
  const harness = openHarness();
  try {
    progress(`${label}: building the embedded database in ${harness.dir}`);
    const build = await buildEmbedded(harness, 'bench', targetBytes);
    const { logicalBytes, physicalBytes } = await databaseUsage(harness, 'bench');
    const loadedTop = topLayerBreakdown(harness, 'bench');
    const firstClone = await measureFreshClone(harness, 'bench', 'fresh_first', 'running, top just loaded');
    const embedded = await timeEmbeddedCopies(harness, 'bench');
    const reclaimed = await reclaimAfterStop(harness, 'bench');
    const idleClone = await measureFreshClone(harness, 'bench', 'fresh_idle', 'idle');
    const dumpLoad = await timeDumpLoadCopy(harness, 'bench');
    const size = { databaseBytes: build.databaseBytes, logicalBytes };
    const { contiguous, random, restore } = await measureDeltasAndRestore(harness, 'bench', build.rows, size);
    const chain = await buildDeepChain(harness, 'bench', 'deep');
    const chainReads = await compareChainReads(harness, 'deep', build.rows, chain.layers);
    return {
      label,
      targetBytes,
      rows: build.rows,
      embeddedBuild: { ...build, logicalBytes, physicalBytes, topLayer: loadedTop, reclaimed },
      embedded,
      dumpLoad,
      freshClone: [firstClone, idleClone],
      delta: { contiguous, random },
      restore,
      chainReads,
    };
  } finally {
    await closeHarness(harness);
  }
}

async function benchServer(server: BenchServer, label: string, rows: number): Promise<ServerFigures> {
  const source = `${server.prefix}${label.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
  const embedding = await server.embeddingType();
  progress(`${label}: building ${source} on the server (embedding as ${embedding})`);
  await server.createDatabase(source);
  const client = await server.clientFor(source);
  const build = await buildServer(client, rows, embedding).finally(() => client.end());
  progress(`${label}: timing CREATE DATABASE … TEMPLATE`);
  const templateWalLog = await server.timeTemplateCopy(source, 'WAL_LOG', TEMPLATE_REPETITIONS);
  const templateFileCopy = await server.timeTemplateCopy(source, 'FILE_COPY', TEMPLATE_REPETITIONS);
  const templateClone = server.reflinks ? await server.timeTemplateCopy(source, 'FILE_COPY_CLONE', TEMPLATE_REPETITIONS) : null;
  await server.dropDatabase(source);
  return {
    version: await server.version(),
    fileSystem: server.fileSystem,
    embedding,
    build,
    templateWalLog,
    templateFileCopy,
    templateClone,
  };
}

async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  if (options.json) console.log = (...values: unknown[]) => console.error(...values);
  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryBytes: os.totalmem(),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
    },
    loadAverage: { atStart: os.loadavg()[0]!, atEnd: 0 },
    pglite: '0.5.14 (PostgreSQL 18)',
    results: [],
    peakProcessRssBytes: 0,
  };
  const server = await BenchServer.connect();
  try {
    for (const size of options.sizes) {
      const embedded = await benchEmbedded(size.label, size.bytes);
      const serverFigures = await benchServer(server, size.label, embedded.rows);
      const result: SizeResult = {
        ...embedded,
        server: serverFigures,
        copyRatios: copyRatios(embedded.embedded, serverFigures, embedded.dumpLoad),
        targets: [],
      };
      result.targets = evaluateTargets(result);
      report.results.push(result);
    }
  } finally {
    await server.cleanup();
  }
  report.peakProcessRssBytes = peakRssBytes();
  report.loadAverage.atEnd = os.loadavg()[0]!;
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

/** What the engine gives back once the loaded database stops (as it does after going idle). */
async function reclaimAfterStop(harness: EmbeddedHarness, database: string) {
  await harness.pool.stop(database);
  const started = performance.now();
  const freedBytes = await harness.engine.reclaimSpace();
  return { freedBytes, seconds: (performance.now() - started) / 1000, physicalBytesAfter: harness.store.physicalBytes() };
}
