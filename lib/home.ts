import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { configFrom, type EnvVars } from '@/lib/config';

export type { EnvVars } from '@/lib/config';

/**
 * Where Clonedeck keeps its local state: `${CLONEDECK_HOME:-.clonedeck}` (relative to the
 * working directory). Holds the embedded metadata database (`meta/`) and the session
 * secret (`secret`) when they are not configured otherwise.
 */
export function clonedeckHome(env: EnvVars = process.env): string {
  // State, not code: the bundler must not trace (and ship) whatever this points at.
  return path.resolve(/* turbopackIgnore: true */ configFrom(env).CLONEDECK_HOME);
}

export function metadataDir(env: EnvVars = process.env): string {
  return path.join(clonedeckHome(env), 'meta');
}

export function secretFile(env: EnvVars = process.env): string {
  return path.join(clonedeckHome(env), 'secret');
}

/** Files and folders this process creates: owner-only (0600 / 0700). */
export const PRIVATE_UMASK = 0o077;

/**
 * Called first in every entry point (server instrumentation, CLI, engine start), so the home
 * and the engine's store are never readable by other local accounts. Worker threads cannot
 * change the umask; they share their process's.
 */
export function restrictProcessUmask(): void {
  if (isMainThread) process.umask(PRIVATE_UMASK);
}
