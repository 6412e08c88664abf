import { unsupported } from '@/lib/errors';

/** A YugabyteDB server as `SELECT version()` reports it: "PostgreSQL 15.2-YB-2025.1.0.0-b0 on …". */
export interface YugabyteVersion {
  /** The release, e.g. "2024.2.1.0" or "2.25.0.0". */
  release: string;
  /** The PostgreSQL version YSQL is built on, e.g. "11.2" or "15.2". */
  postgres: string;
  /** Shown to users, e.g. "YugabyteDB 2024.2.1.0 (PostgreSQL 11.2)". */
  label: string;
}

const YB_PATTERN = /PostgreSQL\s+([\d.]+)-YB-([\d.]+)/;

/** Reads `SELECT version()`; throws UNSUPPORTED for plain PostgreSQL or anything else, naming it. */
export function yugabyteVersionFromString(versionText: string): YugabyteVersion {
  const match = YB_PATTERN.exec(versionText);
  if (!match) {
    const postgres = /^PostgreSQL\s+([\d.]+)/.exec(versionText);
    const what = postgres ? `PostgreSQL ${postgres[1]}` : `an unknown server ("${versionText.slice(0, 60)}")`;
    throw unsupported(
      `The server is ${what}, not YugabyteDB: Clonedeck's YugabyteDB engine needs CREATE DATABASE … TEMPLATE … AS OF, which only YugabyteDB has.`,
    );
  }
  const postgresVersion = match[1]!;
  const release = match[2]!;
  return { release, postgres: postgresVersion, label: `YugabyteDB ${release} (PostgreSQL ${postgresVersion})` };
}

/** Runs one query and returns the first column of its first row as text. */
export type ScalarQuery = (sql: string) => Promise<string | null>;

/**
 * Instant database clone is found by its status function rather than by release number:
 * releases without it have no `yb_database_clones()`.
 */
export const CLONE_FUNCTION_PROBE = "SELECT to_regprocedure('yb_database_clones()') IS NOT NULL";

export async function detectYugabyteVersion(queryScalar: ScalarQuery): Promise<YugabyteVersion> {
  const version = yugabyteVersionFromString((await queryScalar('SELECT version()')) ?? '');
  const hasClone = await queryScalar(CLONE_FUNCTION_PROBE);
  if (hasClone !== 'true') {
    throw unsupported(
      `${version.label} has no instant database clone (yb_database_clones() is missing): use a release with database cloning and start it with enable_db_clone=true.`,
    );
  }
  return version;
}
