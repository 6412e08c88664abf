#!/usr/bin/env node
// The `clonedeck` command: runs the TypeScript CLI through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

const unregister = register({ tsconfig: new URL('../tsconfig.json', import.meta.url).pathname });
const { main } = await import('../lib/cli/main.ts');
const code = await main(process.argv.slice(2));
await unregister();
process.exitCode = code;
