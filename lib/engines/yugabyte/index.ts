import { configFrom } from '@/lib/config';
import type { Engine } from '@/lib/engines/types';
import { KeyedQueue } from './clones';
import { DatabaseRunners } from './context';
import { createYugabyteEngine } from './engine';
import { DEFAULT_PG_LIMITS, PgRunner, parsePgUrl, type PgPoolLimits } from './pool';
import { parseRetention } from './retention';
import { SnapshotStore } from './snapshot-store';
import { detectYugabyteVersion } from './version';

export { yugabyteCapabilities } from './capabilities';
export { yugabyteDialect } from './dialect';
export { createYugabyteEngine } from './engine';

/** YSQL's default port. */
export const YUGABYTE_DEFAULT_PORT = 5433;

export interface YugabyteEngineOptions {
  /** postgres://user[:password]@host:5433/database — the database holds Clonedeck's snapshot records. */
  url: string;
  /** How long the databases' snapshot schedules keep history; defaults to YUGABYTE_HISTORY_RETENTION, else 1d. */
  historyRetention?: string;
  limits?: Partial<PgPoolLimits>;
  /** How long to wait for a clone to complete, and how often to look. */
  cloneWait?: { timeoutMs: number; intervalMs: number };
}

/**
 * Connects to YugabyteDB, checks that the server is YugabyteDB with database clone, and
 * returns the engine. Fails with UNSUPPORTED for another server (plain PostgreSQL
 * included), ENGINE_UNAVAILABLE when unreachable; the pool is closed on failure.
 */
export async function openYugabyteEngine(options: YugabyteEngineOptions): Promise<Engine> {
  const target = parsePgUrl(options.url, YUGABYTE_DEFAULT_PORT);
  const serverLabel = `YugabyteDB at ${target.host}:${target.port}`;
  const retention = parseRetention(options.historyRetention ?? configFrom().YUGABYTE_HISTORY_RETENTION);
  const admin = new PgRunner(target, { ...DEFAULT_PG_LIMITS, ...options.limits }, serverLabel);
  try {
    const version = await detectYugabyteVersion((sql) => admin.scalar('detect the server version', sql));
    return createYugabyteEngine({
      admin,
      target,
      version,
      store: new SnapshotStore(admin),
      retention,
      queue: new KeyedQueue(),
      databases: new DatabaseRunners(target, serverLabel),
      now: () => new Date(),
      cloneWait: options.cloneWait ?? { timeoutMs: 10 * 60_000, intervalMs: 500 },
    });
  } catch (error) {
    await admin.close();
    throw error;
  }
}
