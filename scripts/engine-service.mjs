// Starts the engine service (`clonedeck engine serve --quiet`) as a child process and waits
// until it answers on its control socket. Used by `npm start` and the browser tests' server,
// so the dashboard always reaches its local engines through the service, as replicas do.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** Resolves with the running child once it announced its socket; rejects if it exits first. */
export function startEngineService(env, { log = (line) => process.stdout.write(line) } = {}) {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'clonedeck.mjs'), 'engine', 'serve', '--quiet'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      log(`[engine service] ${chunk}`);
      seen += chunk.toString();
      if (seen.includes('Engine service on')) resolve(child);
    });
    child.once('exit', (code, signal) => reject(new Error(`the engine service exited (${signal ?? `code ${code}`}) before it was ready`)));
  });
}
