#!/usr/bin/env node
// Runs the Prisma CLI with the offline schema-engine shim, unless PRISMA_SCHEMA_ENGINE_BINARY
// is already set (a machine with the real binary then behaves exactly as before).
// Usage: node scripts/prisma.mjs <prisma arguments>, e.g. `generate`, `migrate diff …`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const shimPath = fileURLToPath(new URL('./prisma-schema-engine.mjs', import.meta.url));
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ||= shimPath;
// Nothing to report home on offline machines.
env.CHECKPOINT_DISABLE ||= '1';

const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit', env });
if (result.error) throw result.error;
process.exitCode = result.status ?? 1;
