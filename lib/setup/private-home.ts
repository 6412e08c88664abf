import path from 'node:path';
import { defaultDataDir, defaultPostgresDir, engineConfigsFromEnv } from '@/lib/engines/registry';
import { clonedeckHome, type EnvVars } from '@/lib/home';
import { makeDirectoryPrivate, type PrivacyReport } from '@/lib/private-files';

export { restrictProcessUmask } from '@/lib/home';

/**
 * Clonedeck's home holds the metadata database (password and token hashes, sealed webhook
 * secrets, in its tables and WAL), the session secret and the engine's data: owner only,
 * 0700 folders and 0600 files. The process umask (restrictProcessUmask) makes everything
 * created from now on so, whatever creates it (PGlite, the engine, Node); what an earlier
 * version or an operator left wider is narrowed at start, with a warning, since other local
 * accounts may have read it.
 */
/** The folders to keep private: the home, and the engine's store when it lives elsewhere. */
export function privateDirectories(env: EnvVars = process.env): string[] {
  const home = clonedeckHome(env);
  const data = path.resolve(defaultDataDir(env));
  return data === home || data.startsWith(`${home}${path.sep}`) ? [home] : [home, data];
}

/** Makes the home (and a separate store) private at start, warning about anything that was not. */
export function secureClonedeckHome(env: EnvVars = process.env, warn: (line: string) => void = console.warn): PrivacyReport[] {
  // Run as root, the PostgreSQL engine's servers run as `postgres`, which must reach its store.
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const postgres = engineConfigsFromEnv(env).some((config) => config.kind === 'postgres');
  const passThrough = root && postgres ? { store: defaultPostgresDir(env) } : undefined;
  const reports = privateDirectories(env).map((dir) => makeDirectoryPrivate(dir, passThrough));
  for (const report of reports) {
    if (report.narrowed.length > 0) {
      const examples = report.narrowed.slice(0, 3).join(', ');
      warn(
        `[clonedeck] WARNING: ${report.dir} was open to other local accounts: ${report.narrowed.length} folders and files ` +
          `(e.g. ${examples}) were readable or writable by others. They are now owner-only (0700 folders, 0600 files). ` +
          'Anyone on this machine may have read the password hashes, tokens and secrets kept there; consider rotating them.',
      );
    }
    if (report.failed.length > 0) {
      warn(
        `[clonedeck] WARNING: could not make ${report.failed.length} entries under ${report.dir} owner-only (e.g. ${report.failed.slice(0, 3).join(', ')}); fix their owner and mode by hand.`,
      );
    }
  }
  return reports;
}
