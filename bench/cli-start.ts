// `npm run bench:cli [repetitions]`: how long `clonedeck --help` takes to answer, from the bundle
// that `npx clonedeck` runs (dist/cli/, built at install) and from the TypeScript sources through
// tsx (what every call cost before the bundle), beside a bare `node` start — measured alternately
// in one run. Wall time is what a user waits; CPU time (user + system, from GNU time) is the work
// done, which a busy machine does not inflate.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildCli } from '../scripts/build-cli.mjs';
import { progress, summarize } from './measure';

const REPETITIONS = Number.parseInt(process.argv[2] ?? '15', 10);
const GNU_TIME = '/usr/bin/time';
const root = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

const COMMANDS = [
  { label: 'node -e 0 (Node.js start alone)', args: ['-e', '0'] },
  { label: 'npx clonedeck --help (bundle)', args: ['bin/clonedeck.mjs', '--help'] },
  { label: 'tsx on the sources --help', args: ['bin/clonedeck-source.mjs', '--help'] },
];

/** One run: wall milliseconds, and CPU milliseconds when GNU time is there to report them. */
async function timeOnce(args: string[]): Promise<{ wallMs: number; cpuMs?: number }> {
  const started = performance.now();
  if (!fs.existsSync(GNU_TIME)) {
    await run(process.execPath, args, { cwd: root });
    return { wallMs: performance.now() - started };
  }
  const { stderr } = await run(GNU_TIME, ['-f', 'cpu %U %S', process.execPath, ...args], { cwd: root });
  const wallMs = performance.now() - started;
  const [, user, system] = /cpu (\S+) (\S+)\s*$/.exec(stderr) ?? [];
  return { wallMs, cpuMs: (Number(user) + Number(system)) * 1000 };
}

async function main(): Promise<void> {
  progress('building the CLI bundle');
  await buildCli();
  progress(`timing each command ${REPETITIONS} times, alternating`);
  const samples = COMMANDS.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
  for (let round = 0; round < REPETITIONS; round++) {
    for (const [index, command] of COMMANDS.entries()) {
      const { wallMs, cpuMs } = await timeOnce(command.args);
      samples[index]?.wall.push(wallMs);
      if (cpuMs !== undefined) samples[index]?.cpu.push(cpuMs);
    }
  }
  const cell = (values: number[], pick: 'medianMs' | 'minMs') => (values.length ? summarize(values)[pick].toFixed(0) : '—').padStart(9);
  console.log(`${'milliseconds'.padEnd(36)}${'wall med'.padStart(9)}${'wall min'.padStart(9)}${'cpu med'.padStart(9)}`);
  for (const [index, command] of COMMANDS.entries()) {
    const { wall, cpu } = samples[index] ?? { wall: [], cpu: [] };
    console.log(`${command.label.padEnd(36)}${cell(wall, 'medianMs')}${cell(wall, 'minMs')}${cell(cpu, 'medianMs')}`);
  }
  const [, bundle, source] = samples.map(({ wall }) => summarize(wall).medianMs);
  if (bundle && source) console.log(`the bundle answers ${(source / bundle).toFixed(1)}x sooner than tsx (wall, median)`);
}

await main();
