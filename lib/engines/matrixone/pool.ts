import mysql from 'mysql2/promise';
import { AppError } from '@/lib/errors';
import { isFatalDriverError, mapMysqlError } from './errors';
import type { MysqlPoolLimits, MysqlTarget } from './target';

/**
 * Connection plumbing over the MySQL protocol: a bounded pool, a connect timeout, a wait
 * limit for a free connection, a per-query timeout, and error mapping. Nothing here is
 * MatrixOne-specific, so it is tested for real against the MariaDB server on CI.
 */

export { DEFAULT_MYSQL_LIMITS, parseMysqlUrl, type MysqlPoolLimits, type MysqlTarget } from './target';

/** A row as the driver returns it, before a reader turns it into a typed value. */
export type DriverRow = Record<string, unknown>;

export interface QueryOptions {
  timeoutMs?: number;
  params?: unknown[];
}

/** One checked-out connection, valid inside `withConnection`'s callback only. */
export interface MysqlSession {
  readonly threadId: number;
  rows(sql: string, options?: QueryOptions): Promise<DriverRow[]>;
  arrays(sql: string, options?: QueryOptions): Promise<{ columns: string[]; rows: unknown[][]; affectedRows: number }>;
  execute(sql: string, options?: QueryOptions): Promise<void>;
}

export class MysqlRunner {
  private readonly pool: mysql.Pool;
  /** Every connection the pool opened, so `close` can end their sockets itself (see there). */
  private readonly opened = new Set<{ destroy(): void }>();

  constructor(
    private readonly target: MysqlTarget,
    private readonly limits: MysqlPoolLimits,
    /** Names the server in user messages, e.g. "MatrixOne at db:6001". */
    readonly serverLabel: string,
  ) {
    this.pool = mysql.createPool({
      ...target,
      connectionLimit: limits.connectionLimit,
      maxIdle: limits.connectionLimit,
      idleTimeout: limits.idleTimeoutMs,
      connectTimeout: limits.connectTimeoutMs,
      waitForConnections: true,
      enableKeepAlive: true,
      // Dates stay text so each reader states the zone it is in (SHOW SNAPSHOTS is UTC).
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
    });
    this.pool.on('connection', (connection) => {
      this.opened.add(connection);
      connection.once('end', () => this.opened.delete(connection));
    });
  }

  /** Runs `work` on one pooled connection; it is released afterwards, or destroyed when it broke. */
  async withConnection<T>(operation: string, work: (session: MysqlSession) => Promise<T>): Promise<T> {
    const context = { operation, server: this.serverLabel };
    const connection = await this.acquire(operation);
    let destroyed = false;
    try {
      return await work(this.session(connection));
    } catch (error) {
      if (isFatalDriverError(error)) {
        // A timed-out or lost connection is mid-protocol: it must never go back to the pool.
        connection.destroy();
        destroyed = true;
        if ((error as { code?: unknown }).code === 'PROTOCOL_SEQUENCE_TIMEOUT') await this.killQuery(connection.threadId);
      }
      throw mapMysqlError(error, context);
    } finally {
      if (!destroyed) connection.release();
    }
  }

  async rows(operation: string, sql: string, options?: QueryOptions): Promise<DriverRow[]> {
    return this.withConnection(operation, (session) => session.rows(sql, options));
  }

  async execute(operation: string, sql: string, options?: QueryOptions): Promise<void> {
    return this.withConnection(operation, (session) => session.execute(sql, options));
  }

  /** The first column of the first row, as text (null when there is no row or the value is NULL). */
  async scalar(operation: string, sql: string): Promise<string | null> {
    const { rows } = await this.withConnection(operation, (session) => session.arrays(sql));
    const value = rows[0]?.[0];
    return value === null || value === undefined ? null : String(value);
  }

  /**
   * Runs a whole SQL script (several statements) in `database` on a connection of its
   * own: only there is multi-statement mode on, so no single query elsewhere can carry a
   * second statement.
   */
  async runScript(operation: string, database: string, script: string): Promise<void> {
    const context = { operation, server: this.serverLabel };
    let connection: mysql.Connection | undefined;
    try {
      connection = await mysql.createConnection({
        ...this.target,
        database,
        multipleStatements: true,
        connectTimeout: this.limits.connectTimeoutMs,
      });
      await connection.query({ sql: script, timeout: this.limits.queryTimeoutMs });
    } catch (error) {
      throw mapMysqlError(error, context);
    } finally {
      connection?.destroy();
    }
  }

  /**
   * Ends the pool. MatrixOne does not close its side of a connection after COM_QUIT
   * (mysql2's graceful end), so the sockets would stay open and keep a CLI process alive:
   * each one is destroyed once the pool has said goodbye.
   */
  async close(): Promise<void> {
    try {
      await this.pool.end();
    } finally {
      for (const connection of this.opened) connection.destroy();
      this.opened.clear();
    }
  }

  /** Connections the pool holds open right now (for tests of the close behaviour). */
  get openConnectionCount(): number {
    return this.opened.size;
  }

  private async acquire(operation: string): Promise<mysql.PoolConnection> {
    const context = { operation, server: this.serverLabel };
    const pending = this.pool.getConnection();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new AppError('TIMEOUT', `No free connection to ${this.serverLabel} within ${this.limits.acquireTimeoutMs} ms.`)),
        this.limits.acquireTimeoutMs,
      );
    });
    try {
      return await Promise.race([pending, deadline]);
    } catch (error) {
      // A connection that arrives after the deadline goes straight back to the pool.
      pending.then((late) => late.release()).catch(() => undefined);
      throw mapMysqlError(error, context);
    } finally {
      clearTimeout(timer);
    }
  }

  private session(connection: mysql.PoolConnection): MysqlSession {
    const timeoutOf = (options?: QueryOptions) => options?.timeoutMs ?? this.limits.queryTimeoutMs;
    return {
      threadId: connection.threadId,
      rows: async (sql, options) => {
        const [result] = await connection.query({ sql, timeout: timeoutOf(options) }, options?.params);
        return Array.isArray(result) ? (result as DriverRow[]) : [];
      },
      arrays: async (sql, options) => {
        const [result, fields] = await connection.query({ sql, timeout: timeoutOf(options), rowsAsArray: true }, options?.params);
        if (!Array.isArray(result)) return { columns: [], rows: [], affectedRows: result.affectedRows };
        return { columns: (fields ?? []).map((field) => field.name), rows: result as unknown[][], affectedRows: 0 };
      },
      execute: async (sql, options) => {
        await connection.query({ sql, timeout: timeoutOf(options) }, options?.params);
      },
    };
  }

  /** The driver gave up waiting, but the server may still be running the statement: stop it. */
  private async killQuery(threadId: number): Promise<void> {
    // A connection of its own, so a full pool cannot keep the KILL waiting.
    let killer: mysql.Connection | undefined;
    try {
      killer = await mysql.createConnection({ ...this.target, connectTimeout: this.limits.connectTimeoutMs });
      await killer.query({ sql: `KILL QUERY ${Number(threadId)}`, timeout: this.limits.connectTimeoutMs });
    } catch {
      // Best effort: the connection is gone either way, and the server ends the query when it notices.
    } finally {
      killer?.destroy();
    }
  }
}
