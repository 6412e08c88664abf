// `npm start`: builds the dashboard when the build is missing or older than the sources,
// then serves it (embedded engine and metadata store by default) and says where.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startEngineService } from './engine-service.mjs';

const root = path.resolve(import.meta.dirname, '..');
// Next.js would try to send anonymous telemetry; nothing here should talk to the internet.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
const distDir = process.env.NEXT_DIST_DIR || '.next';
const port = process.env.PORT || '3000';
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

function newestSourceTime() {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'generated' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of ['app', 'components', 'lib', 'public']) if (fs.existsSync(path.join(root, dir))) visit(path.join(root, dir));
  for (const file of ['next.config.js', 'package.json', 'instrumentation.ts', 'proxy.ts']) {
    if (fs.existsSync(path.join(root, file))) newest = Math.max(newest, fs.statSync(path.join(root, file)).mtimeMs);
  }
  return newest;
}

const buildId = path.join(root, distDir, 'BUILD_ID');
if (!fs.existsSync(buildId) || fs.statSync(buildId).mtimeMs < newestSourceTime()) {
  console.log('[clonedeck] building the dashboard (next build)…');
  const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The local engines run in their own process, the engine service: a dashboard restart does not
// disconnect database clients, and several dashboards can share it. CLONEDECK_ENGINE_SERVICE
// set means one already runs (started with `npx clonedeck engine serve`); use it.
let engineService = null;
if (!process.env.CLONEDECK_ENGINE_SERVICE) {
  process.env.CLONEDECK_ENGINE_SERVICE = path.resolve(process.env.CLONEDECK_HOME || '.clonedeck', 'engine-service');
  engineService = await startEngineService(process.env);
  engineService.once('exit', (code) => {
    console.error(`[clonedeck] the engine service stopped (code ${code}); stopping the dashboard`);
    server.kill('SIGTERM');
  });
}

console.log(`[clonedeck] starting on http://localhost:${port} (first start creates the demo organisation and prints its credentials)`);
const server = spawn(process.execPath, [nextBin, 'start', '-p', port], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => {
  if (!engineService || engineService.exitCode !== null) process.exit(code ?? 0);
  engineService.once('exit', () => process.exit(code ?? 0));
  engineService.kill('SIGTERM');
});
