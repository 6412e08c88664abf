// `npm run test:engine -- --engine embedded|matrixone|yugabyte`: the engine contract suite
// against one engine — how an operator checks a real cluster. MatrixOne needs MATRIXONE_URL,
// YugabyteDB needs YUGABYTE_URL (the suite skips an engine whose URL is missing and says so).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const at = args.indexOf('--engine');
const engine = at >= 0 ? args[at + 1] : 'embedded';
const needs = { embedded: null, postgres: null, matrixone: 'MATRIXONE_URL', yugabyte: 'YUGABYTE_URL' };
if (!(engine in needs)) {
  console.error(`Unknown engine "${engine}": use embedded, postgres, matrixone or yugabyte.`);
  process.exit(2);
}
if (needs[engine] && !process.env[needs[engine]]) {
  console.error(
    `Set ${needs[engine]} to the cluster to check, e.g. ${engine === 'matrixone' ? 'mysql://root:111@127.0.0.1:6001' : 'postgres://yugabyte@127.0.0.1:5433/yugabyte'}.`,
  );
  process.exit(2);
}
// An engine's own checks against its server (statements, sessions, sockets) run with the suite.
const serverTests = path.join('lib', 'engines', engine, 'server.integration.test.ts');
const files = ['lib/engines/contract', ...(fs.existsSync(path.join(root, serverTests)) ? [serverTests] : [])];
const result = spawnSync(path.join(root, 'node_modules', '.bin', 'vitest'), ['run', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CLONEDECK_CONTRACT_ENGINES: engine },
});
process.exit(result.status ?? 1);
