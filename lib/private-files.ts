import fs from 'node:fs';
import path from 'node:path';

/** Owner-only folders and files: narrowing what others could open (used for the home and the metadata store). */

export interface PrivacyReport {
  dir: string;
  created: boolean;
  /** Folders and files that were readable or writable by others, now owner-only (relative paths). */
  narrowed: string[];
  /** What could not be narrowed (owned by another account, or chmod refused). */
  failed: string[];
}

/**
 * A store whose server processes run as another account (the PostgreSQL engine run as root:
 * its servers run as `postgres`): the folders on the way to it may let others through
 * (execute bit only: entering by name, never listing or reading), and the store itself is
 * left to the engine, which keeps its own modes.
 */
export interface PassThrough {
  store: string;
}

/** Creates `dir` owner-only if missing; otherwise narrows it and everything under it. Symlinks are left alone. */
export function makeDirectoryPrivate(dir: string, passThrough?: PassThrough): PrivacyReport {
  const report: PrivacyReport = { dir, created: false, narrowed: [], failed: [] };
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    report.created = true;
    return report;
  }
  narrow(dir, dir, report, passThrough && path.resolve(passThrough.store));
  return report;
}

function narrow(root: string, entry: string, report: PrivacyReport, store?: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(entry);
  } catch {
    return; // Gone meanwhile (a temporary file).
  }
  if (!stat.isDirectory() && !stat.isFile()) return;
  const onTheWay = store !== undefined && stat.isDirectory() && (store === entry || store.startsWith(`${entry}${path.sep}`));
  const allowed = onTheWay ? 0o011 : 0;
  const wanted = stat.isDirectory() ? 0o700 | (stat.mode & allowed) : stat.mode & 0o700;
  if ((stat.mode & 0o077 & ~allowed) !== 0) {
    const relative = path.relative(root, entry) || '.';
    try {
      fs.chmodSync(entry, wanted);
      report.narrowed.push(relative);
    } catch {
      report.failed.push(relative);
    }
  }
  if (stat.isDirectory() && entry !== store) for (const name of fs.readdirSync(entry)) narrow(root, path.join(entry, name), report, store);
}
