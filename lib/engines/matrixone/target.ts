import { validation } from '@/lib/errors';

/** Where a MySQL-protocol server is, and the limits its pool keeps to. */

export interface MysqlTarget {
  host: string;
  port: number;
  user: string;
  password?: string;
  database?: string;
}

export interface MysqlPoolLimits {
  /** Connections open at most. */
  connectionLimit: number;
  connectTimeoutMs: number;
  /** How long a call waits for a free connection before failing with TIMEOUT. */
  acquireTimeoutMs: number;
  /** Default per-query timeout; long DDL (clone, restore) passes its own. */
  queryTimeoutMs: number;
  idleTimeoutMs: number;
}

export const DEFAULT_MYSQL_LIMITS: MysqlPoolLimits = {
  connectionLimit: 5,
  connectTimeoutMs: 5_000,
  acquireTimeoutMs: 10_000,
  queryTimeoutMs: 30_000,
  idleTimeoutMs: 60_000,
};

/** Reads mysql://user:password@host:port/database. */
export function parseMysqlUrl(url: string, defaultPort = 3306): MysqlTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw validation('The engine URL is not a valid URL (expected mysql://user:password@host:port).');
  }
  if (parsed.protocol !== 'mysql:') throw validation('The MatrixOne URL must start with mysql://.');
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : defaultPort,
    user: decodeURIComponent(parsed.username),
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: database || undefined,
  };
}
