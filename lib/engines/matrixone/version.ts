import { AppError, unsupported, validation } from '@/lib/errors';

/** A MatrixOne release as Clonedeck needs to know it: the grammar depends on the major version. */
export interface MatrixOneVersion {
  major: number;
  minor: number;
  patch?: number;
  /** Shown to users, e.g. "3.0.4" or "development build (commit 7c27538f)". */
  label: string;
  /** True for builds that do not report a release; their grammar is assumed to be the newest. */
  development: boolean;
}

/** 3.x: `RESTORE ACCOUNT a DATABASE d FROM SNAPSHOT s`; 4.x: `RESTORE DATABASE d {SNAPSHOT = 's'}`. */
export type RestoreGrammar = 'from-snapshot' | 'snapshot-hint';

/** CLONE arrived in MatrixOne 3.0. */
export const MINIMUM_MATRIXONE_MAJOR = 3;

/** Used when no version is given (the CLI without --server-version) and for development builds. */
export const LATEST_KNOWN_MATRIXONE_VERSION = '4.2';

/**
 * What `SELECT version()` reports when a server was built without a release tag:
 * MatrixOne's frontend falls back to "1.3.0" (a number no release ever carried), and
 * a build from a branch whose name has no digits leaves the part after the prefix empty.
 */
const UNSET_VERSION_MARKERS = new Set(['', '1.3.0']);

const MATRIXONE_PREFIX = /MatrixOne-v?/i;
const RELEASE_PATTERN = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$/;

/** Parses a version as a user types it ("3.0", "v4.1.2", "3.0.4-hotfix-20251114"). */
export function parseMatrixOneVersion(text: string): MatrixOneVersion {
  const trimmed = text.trim();
  const match = RELEASE_PATTERN.exec(trimmed);
  if (!match) {
    const message = `"${text}" is not a MatrixOne version (expected e.g. 3.0 or 4.1.2).`;
    throw validation(message, { serverVersion: [message] });
  }
  const major = Number(match[1]);
  const minor = match[2] === undefined ? 0 : Number(match[2]);
  const patch = match[3] === undefined ? undefined : Number(match[3]);
  const label = patch === undefined ? `${major}.${minor}` : `${major}.${minor}.${patch}`;
  return { major, minor, patch, label, development: false };
}

/** Names the product behind a MySQL-protocol `version()` string, for the "not MatrixOne" message. */
export function describeMysqlServer(versionText: string): string {
  if (/mariadb/i.test(versionText)) return `MariaDB ${versionText.split('-')[0]}`;
  if (/tidb/i.test(versionText)) return 'TiDB';
  if (/^\d+\.\d+\.\d+/.test(versionText)) return `MySQL ${versionText.split('-')[0]}`;
  return `an unknown server ("${versionText.slice(0, 60)}")`;
}

/**
 * Reads the output of MatrixOne's `SELECT version()` ("8.0.30-MatrixOne-v3.0.4").
 * Throws UNSUPPORTED for any other server, naming what it is.
 */
export function versionFromServerString(versionText: string, commit?: string): MatrixOneVersion {
  const prefix = MATRIXONE_PREFIX.exec(versionText);
  if (!prefix) {
    throw unsupported(
      `The server is ${describeMysqlServer(versionText)}, not MatrixOne: Clonedeck's MatrixOne engine needs a MatrixOne server (3.0 or later).`,
    );
  }
  const release = versionText.slice(prefix.index + prefix[0].length).trim();
  if (UNSET_VERSION_MARKERS.has(release)) return developmentVersion(commit);
  return parseMatrixOneVersion(release);
}

function developmentVersion(commit: string | undefined): MatrixOneVersion {
  const latest = parseMatrixOneVersion(LATEST_KNOWN_MATRIXONE_VERSION);
  const known = commit && commit !== 'unknown' ? ` (commit ${commit.slice(0, 10)})` : '';
  // Said in the label, so health and error messages show the grammar is an assumption.
  const assumed = `, treated as ${latest.label}`;
  return { ...latest, patch: undefined, label: `development build${known}${assumed}`, development: true };
}

/** Throws UNSUPPORTED for releases without CLONE. */
export function assertCloneSupported(version: MatrixOneVersion): void {
  if (version.major < MINIMUM_MATRIXONE_MAJOR) {
    throw unsupported(`MatrixOne ${version.label} has no CLONE: Clonedeck needs MatrixOne ${MINIMUM_MATRIXONE_MAJOR}.0 or later.`);
  }
}

/**
 * DATA BRANCH DIFF … OUTPUT SUMMARY arrived in 3.0.9 (DIFF and MERGE in 3.0.5, PICK in 4.0):
 * Clonedeck offers diff and merge from 3.0.9 on. A bare "3.0" (MATRIXONE_SERVER_VERSION) says
 * no patch level, so it gets none.
 */
export function hasDataBranches(version: MatrixOneVersion): boolean {
  if (version.major !== 3) return version.major > 3;
  return version.minor > 0 || (version.patch ?? 0) >= 9;
}

export function restoreGrammarFor(version: MatrixOneVersion): RestoreGrammar {
  return version.major >= 4 ? 'snapshot-hint' : 'from-snapshot';
}

/** Runs one query and returns the first column of its first row as text. */
export type ScalarQuery = (sql: string) => Promise<string | null>;

/**
 * Asks the server who it is. `override` (MATRIXONE_SERVER_VERSION) replaces the reported
 * release, for servers whose `version()` was changed with mysql_compatibility_mode; the
 * server must still say it is MatrixOne.
 */
export async function detectMatrixOneVersion(queryScalar: ScalarQuery, override?: string): Promise<MatrixOneVersion> {
  const reported = (await queryScalar('SELECT version()')) ?? '';
  let version: MatrixOneVersion;
  if (override) {
    versionFromServerString(reported);
    version = parseMatrixOneVersion(override);
  } else {
    version = versionFromServerString(reported);
    if (version.development) version = versionFromServerString(reported, await gitVersion(queryScalar));
  }
  assertCloneSupported(version);
  return version;
}

async function gitVersion(queryScalar: ScalarQuery): Promise<string | undefined> {
  try {
    return (await queryScalar('SELECT git_version()')) ?? undefined;
  } catch (error) {
    // The commit only decorates the label; a server without git_version() is still usable.
    if (error instanceof AppError) return undefined;
    throw error;
  }
}
