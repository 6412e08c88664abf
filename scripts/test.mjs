// `npm test`: every test — Vitest (unit and integration, against the real embedded engine and
// real PostgreSQL / MariaDB servers that this command finds or starts: scripts/servers/), then
// the Playwright browser tests in the system Chromium against a production build. Both run even
// if the first fails; the exit code says whether all passed. `npm test -- --unit` or `-- --e2e`
// runs one half. Servers started here are stopped when the tests end, however they end.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureChromium } from './find-chromium.mjs';
import { provisionTestServers } from './servers/index.mjs';
import { freePort } from './servers/process.mjs';

const root = path.resolve(import.meta.dirname, '..');
// Next.js would try to send anonymous telemetry; nothing here should talk to the internet.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
const args = process.argv.slice(2);
const only = args.includes('--unit') ? 'unit' : args.includes('--e2e') ? 'e2e' : null;
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

console.log('\n[test] servers');
let servers;
try {
  servers = await provisionTestServers();
} catch (error) {
  console.error(`[test] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`\n[test] ${signal}: stopping the servers started for the tests`);
    void servers.stopAll().then(() => process.exit(130));
  });
}

const run = (command, commandArgs, env = {}) =>
  new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...servers.env, ...env } });
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });

const failures = [];
/** Vitest's failed tests, said again at the very end: the browser runs' output comes after them. */
let failedTests = [];

/** The failed tests in Vitest's JSON report: file, test name and the first line of the failure. */
function failedIn(reportFile) {
  try {
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
    return report.testResults.flatMap((file) => {
      const name = path.relative(root, file.name);
      const tests = file.assertionResults.filter((test) => test.status === 'failed');
      if (tests.length === 0) return file.status === 'failed' ? [`${name}: ${(file.message ?? '').split('\n')[0]}`] : [];
      return tests.map((test) => `${name} › ${test.fullName}: ${(test.failureMessages[0] ?? '').split('\n')[0]}`);
    });
  } catch (error) {
    return [`(Vitest's report could not be read: ${error instanceof Error ? error.message : error})`];
  }
}

// The CLI's specs and tests run the bundle `npx clonedeck` runs, built from these sources.
console.log('\n[test] CLI bundle');
if ((await run(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')])) !== 0) failures.push('CLI bundle');

if (only !== 'e2e') {
  console.log('\n[test] unit and integration tests (vitest)');
  const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-vitest-'));
  const reportFile = path.join(reportDir, 'report.json');
  const reporters = ['--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`];
  if ((await run(bin('vitest'), ['run', ...reporters])) !== 0) {
    failures.push('vitest');
    failedTests = failedIn(reportFile);
  }
  fs.rmSync(reportDir, { recursive: true, force: true });
}

if (only !== 'unit') {
  console.log('\n[test] browser tests (playwright, system chromium, production build)');
  let chromium = null;
  try {
    chromium = ensureChromium();
  } catch (error) {
    console.error(`[test] ${error instanceof Error ? error.message : error}`);
    failures.push('chromium');
  }
  if (chromium) {
    const env = { CHROMIUM_PATH: chromium, NEXT_DIST_DIR: '.next-e2e', CLONEDECK_ENGINE_LISTEN: `127.0.0.1:${await freePort()}` };
    if ((await run(bin('next'), ['build'], env)) !== 0) failures.push('next build');
    else {
      if ((await run(bin('playwright'), ['test'], env)) !== 0) failures.push('playwright (embedded engine)');
      // The same specs, both tutorials included, with every environment a PostgreSQL server
      // reached through the front door (the storage specs expect a single engine).
      console.log('\n[test] browser tests again on the PostgreSQL engine');
      const postgres = {
        ...env,
        CLONEDECK_ENGINE: 'postgres',
        CLONEDECK_EMBEDDED: 'off',
        CLONEDECK_ENGINE_LISTEN: `127.0.0.1:${await freePort()}`,
      };
      if ((await run(bin('playwright'), ['test'], postgres)) !== 0) failures.push('playwright (PostgreSQL engine)');
    }
  }
}

await servers.stopAll();
if (failures.length) {
  console.error(`\n[test] FAILED: ${failures.join(', ')}`);
  for (const test of failedTests) console.error(`[test]   vitest: ${test}`);
  process.exit(1);
}
console.log('\n[test] all tests passed');
