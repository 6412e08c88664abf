import { conflict, unsupported, validation } from '@/lib/errors';
import type { CloneFrom } from '@/lib/engines/types';
import { type KeyedQueue, waitForClone } from './clones';
import { DEFAULT_PG_LIMITS, PgRunner, type PgPoolLimits, type PgTarget } from './pool';
import { RETENTION_VARIABLE, earliestPoint, type RetentionPolicy } from './retention';
import type { SnapshotStore } from './snapshot-store';
import { SERVER_NOW_MICROS, cloneStatement } from './statements';
import type { YugabyteVersion } from './version';

/** Clones copy no data, but YugabyteDB builds the clone's catalog before CREATE DATABASE returns. */
export const CLONE_STATEMENT_TIMEOUT_MS = 10 * 60_000;

/** What the engine's parts share. */
export interface YugabyteContext {
  /** The pool on the database the URL names, where the snapshot catalog lives. */
  readonly admin: PgRunner;
  readonly target: PgTarget;
  readonly version: YugabyteVersion;
  readonly store: SnapshotStore;
  readonly retention: RetentionPolicy;
  readonly queue: KeyedQueue;
  readonly databases: DatabaseRunners;
  readonly now: () => Date;
  readonly cloneWait: { timeoutMs: number; intervalMs: number };
}

/** Small pools on other databases of the cluster (queries, usage, restore checks), closed on drop and rename. */
export class DatabaseRunners {
  private readonly runners = new Map<string, PgRunner>();

  constructor(
    private readonly target: PgTarget,
    private readonly serverLabel: string,
    private readonly limits: PgPoolLimits = { ...DEFAULT_PG_LIMITS, max: 2 },
  ) {}

  get(database: string): PgRunner {
    let runner = this.runners.get(database);
    if (!runner) {
      runner = new PgRunner({ ...this.target, database }, this.limits, this.serverLabel);
      this.runners.set(database, runner);
    }
    return runner;
  }

  async forget(database: string): Promise<void> {
    const runner = this.runners.get(database);
    this.runners.delete(database);
    await runner?.close();
  }

  async closeAll(): Promise<void> {
    const all = [...this.runners.values()];
    this.runners.clear();
    await Promise.all(all.map((runner) => runner.close()));
  }
}

export async function serverNowMicros(context: YugabyteContext): Promise<bigint> {
  return BigInt((await context.admin.scalar('read the server clock', `SELECT ${SERVER_NOW_MICROS}`)) ?? '0');
}

/** The earliest point `database` can be cloned from, or UNSUPPORTED when it has no snapshot schedule. */
export async function earliestPointOrThrow(context: YugabyteContext, database: string): Promise<{ earliest: bigint; now: bigint }> {
  const now = await serverNowMicros(context);
  const earliest = earliestPoint(context.retention, database, now);
  if (earliest === null) {
    throw unsupported(
      `Database "${database}" has no snapshot schedule as far as Clonedeck knows (${RETENTION_VARIABLE}="${context.retention.source}"): create one with yb-admin create_snapshot_schedule and list the database there.`,
    );
  }
  return { earliest, now };
}

/** The `AS OF` time a clone from `from` needs (undefined: now), checked against the source and its retention. */
export async function resolvePoint(context: YugabyteContext, source: string, from: CloneFrom): Promise<bigint | undefined> {
  if (from.kind === 'now') return undefined;
  if (from.kind === 'time') {
    const { earliest, now } = await earliestPointOrThrow(context, source);
    if (from.unixMicros < earliest || from.unixMicros > now) {
      const message = `The time ${from.unixMicros} lies outside what "${source}" keeps (${earliest} to ${now}).`;
      throw validation(message, { at: [message] });
    }
    return from.unixMicros;
  }
  const snapshot = await context.store.getOrThrow(from.snapshot);
  if (snapshot.database !== source) {
    const message = `Snapshot "${snapshot.name}" is a point in time of "${snapshot.database}", not "${source}".`;
    throw validation(message, { snapshot: [message] });
  }
  const { earliest } = await earliestPointOrThrow(context, source);
  if (snapshot.unixMicros < earliest) {
    throw conflict(
      `Snapshot "${snapshot.name}" is older than the history "${source}" keeps (${context.retention.source}): it can no longer be cloned.`,
    );
  }
  return snapshot.unixMicros;
}

/** Clones `source` into `target` at `micros` and waits until YugabyteDB reports it complete; one clone per source at a time. */
export function cloneAndWait(context: YugabyteContext, target: string, source: string, micros: bigint | undefined): Promise<void> {
  const statement = cloneStatement(target, source, micros);
  return context.queue.run(source, async () => {
    await context.admin.execute(`clone ${source} into ${target}`, statement.sql, { timeoutMs: CLONE_STATEMENT_TIMEOUT_MS });
    await waitForClone(context.admin, target, context.cloneWait);
  });
}
