#!/usr/bin/env node
// Runs the CLI from its TypeScript sources through tsx, which compiles them on every call (seconds
// to start). bin/clonedeck.mjs falls back to it when there is no fresh bundle; the benchmark
// (bench/cli-start.ts) times it beside the bundle.
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

export async function runFromSource(argv) {
  process.umask(0o077);
  const unregister = register({ tsconfig: new URL('../tsconfig.json', import.meta.url).pathname });
  try {
    const { main } = await import('../lib/cli/main.ts');
    return await main(argv);
  } finally {
    await unregister();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await runFromSource(process.argv.slice(2));
