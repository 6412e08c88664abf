#!/usr/bin/env node
// The `clonedeck` command: runs the TypeScript CLI through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

// Stores, configs and anything else the CLI writes: owner-only (see lib/setup/private-home.ts).
process.umask(0o077);

const unregister = register({ tsconfig: new URL('../tsconfig.json', import.meta.url).pathname });
const { main } = await import('../lib/cli/main.ts');
const code = await main(process.argv.slice(2));
await unregister();
process.exitCode = code;
