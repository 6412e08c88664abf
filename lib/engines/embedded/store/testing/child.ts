import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: children run from there so tsx finds tsconfig.json and its `@/` alias. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

/** Starts a TypeScript file as a separate node process (through tsx), stdout piped. */
export function spawnTypeScript(script: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Resolves with the first stdout line of `child` that `accept` likes; rejects if it exits first. */
export function waitForLine(child: ChildProcess, accept: (line: string) => boolean = () => true): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    let errors = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      const found = lines.find(accept);
      if (found !== undefined) {
        cleanup();
        resolve(found);
      }
    };
    const onError = (chunk: Buffer) => (errors += chunk.toString('utf8'));
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`child exited (${code}) before the expected line; stderr: ${errors.slice(-2000)}`));
    };
    const cleanup = () => {
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onError);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onError);
    child.once('exit', onExit);
  });
}

/** Sends SIGKILL and waits until the process is gone (so its pid no longer answers). */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Waits for a child to exit on its own and returns its exit code. */
export function exitCodeOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
