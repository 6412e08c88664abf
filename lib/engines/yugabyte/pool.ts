import pg from 'pg';
import { validation } from '@/lib/errors';
import { isBrokenConnectionError, mapPgError } from './errors';

/**
 * Connection plumbing over the Postgres protocol: a bounded pool, a connect timeout, a
 * server-side statement_timeout, and error mapping. Nothing here is YugabyteDB-specific,
 * so it is tested for real against the PostgreSQL server on CI.
 */

export interface PgTarget {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
}

export interface PgPoolLimits {
  max: number;
  connectionTimeoutMs: number;
  /** Sent as statement_timeout: the server cancels longer statements (SQLSTATE 57014). */
  statementTimeoutMs: number;
  idleTimeoutMs: number;
}

export const DEFAULT_PG_LIMITS: PgPoolLimits = {
  max: 5,
  connectionTimeoutMs: 5_000,
  statementTimeoutMs: 30_000,
  idleTimeoutMs: 30_000,
};

/** Reads postgres://user:password@host:port/database. */
export function parsePgUrl(url: string, defaultPort = 5432): PgTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw validation('The engine URL is not a valid URL (expected postgres://user@host:port/database).');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw validation('The YugabyteDB URL must start with postgres://.');
  }
  const user = decodeURIComponent(parsed.username);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : defaultPort,
    user,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || user,
  };
}

export interface PgQueryOptions {
  params?: unknown[];
  /** Replaces statement_timeout for this statement (long DDL such as a clone). */
  timeoutMs?: number;
}

/** One checked-out client, valid inside `withClient`'s callback only. */
export interface PgSession {
  rows<Row extends object>(sql: string, options?: PgQueryOptions): Promise<Row[]>;
  /** One statement only (extended protocol), rows as arrays. */
  result(sql: string, options?: PgQueryOptions): Promise<pg.QueryArrayResult<unknown[]>>;
  execute(sql: string, options?: PgQueryOptions): Promise<void>;
}

export class PgRunner {
  private readonly pool: pg.Pool;

  constructor(
    readonly target: PgTarget,
    limits: PgPoolLimits,
    /** Names the server in user messages, e.g. "YugabyteDB at db:5433". */
    readonly serverLabel: string,
  ) {
    this.pool = new pg.Pool({
      ...target,
      max: limits.max,
      connectionTimeoutMillis: limits.connectionTimeoutMs,
      idleTimeoutMillis: limits.idleTimeoutMs,
      statement_timeout: limits.statementTimeoutMs,
    });
    // An idle client the server dropped is reported here; the pool discards it, and the next
    // call opens a new one. Without a listener the process would crash.
    this.pool.on('error', () => undefined);
  }

  /** Runs `work` on one pooled client; released afterwards, or discarded when its connection broke. */
  async withClient<T>(operation: string, work: (session: PgSession) => Promise<T>): Promise<T> {
    const context = { operation, server: this.serverLabel };
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw mapPgError(error, context);
    }
    // A checked-out client whose server goes away emits 'error'; the failing query reports it.
    const ignore = () => undefined;
    client.on('error', ignore);
    let broken: Error | undefined;
    try {
      return await work(this.session(client));
    } catch (error) {
      if (isBrokenConnectionError(error)) broken = error instanceof Error ? error : new Error(String(error));
      throw mapPgError(error, context);
    } finally {
      client.off('error', ignore);
      client.release(broken);
    }
  }

  rows<Row extends object>(operation: string, sql: string, options?: PgQueryOptions): Promise<Row[]> {
    return this.withClient(operation, (session) => session.rows<Row>(sql, options));
  }

  execute(operation: string, sql: string, options?: PgQueryOptions): Promise<void> {
    return this.withClient(operation, (session) => session.execute(sql, options));
  }

  async scalar(operation: string, sql: string, options?: PgQueryOptions): Promise<string | null> {
    const result = await this.withClient(operation, (session) => session.result(sql, options));
    const value = result.rows[0]?.[0];
    return value === null || value === undefined ? null : String(value);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private session(client: pg.PoolClient): PgSession {
    const run = async <R>(options: PgQueryOptions | undefined, query: () => Promise<R>): Promise<R> => {
      if (options?.timeoutMs === undefined) return query();
      await client.query(`SET statement_timeout = ${Math.max(0, Math.floor(options.timeoutMs))}`);
      try {
        return await query();
      } finally {
        await client.query('RESET statement_timeout').catch(() => undefined);
      }
    };
    return {
      rows: <Row extends object>(sql: string, options?: PgQueryOptions) =>
        run(options, async () => (await client.query<Row>(sql, options?.params)).rows),
      result: (sql, options) => {
        // The extended protocol takes exactly one statement, so text from a user cannot
        // carry a COMMIT and a second statement past a READ ONLY transaction.
        const config: pg.QueryArrayConfig & { queryMode: 'extended' } = {
          text: sql,
          values: options?.params,
          rowMode: 'array',
          queryMode: 'extended',
        };
        return run(options, () => client.query<unknown[]>(config));
      },
      execute: async (sql, options) => {
        await run(options, () => client.query(sql, options?.params));
      },
    };
  }
}
