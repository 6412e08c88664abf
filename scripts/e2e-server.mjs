// The server the browser tests run against: the production build (.next-e2e) with a fresh,
// temporary CLONEDECK_HOME, so each run starts from first start. Refuses a non-local
// metadata database: the tests create and drop things.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEngineService } from './engine-service.mjs';

const root = path.resolve(import.meta.dirname, '..');
const port = process.env.CLONEDECK_E2E_PORT || '3210';
const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl && !['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(databaseUrl).hostname)) {
  console.error(`[e2e] refusing to run browser tests against a non-local metadata database (${new URL(databaseUrl).hostname}).`);
  process.exit(1);
}
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-e2e-'));
const env = {
  ...process.env,
  CLONEDECK_HOME: home,
  CLONEDECK_DATA_DIR: path.join(home, 'engine'),
  CLONEDECK_DEMO_PASSWORD: process.env.CLONEDECK_DEMO_PASSWORD || 'e2e-demo-password',
  CLONEDECK_ENGINE_LISTEN: process.env.CLONEDECK_ENGINE_LISTEN || '127.0.0.1:58100',
  NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || '.next-e2e',
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  // The dashboard reaches the local engines through a separately started engine service.
  CLONEDECK_ENGINE_SERVICE: path.join(home, 'engine-service'),
};
const engineService = await startEngineService(env);
const server = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', port, '-H', '127.0.0.1'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
const stopped = new Promise((resolve) => engineService.once('exit', resolve));
const cleanUp = async () => {
  engineService.kill('SIGTERM');
  await stopped;
  fs.rmSync(home, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => void cleanUp().then(() => process.exit(code ?? 0)));
engineService.once('exit', (code) => {
  console.error(`[e2e] the engine service stopped (code ${code}); stopping the dashboard`);
  server.kill('SIGTERM');
});
