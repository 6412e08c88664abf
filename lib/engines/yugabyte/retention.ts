import { validation } from '@/lib/errors';

/**
 * How far back a database can be cloned. YugabyteDB keeps history for `AS OF` clones
 * while the database's snapshot schedule retains it, and the schedule is created and
 * read with yb-admin only: no SQL function shows it. So Clonedeck is told the retention
 * in YUGABYTE_HISTORY_RETENTION and refuses points outside it.
 *
 * Forms: "3d" (every database), "4320" (minutes, as yb-admin takes them), or a list
 * per database "prod=3d,staging=12h,*=1d" ("*" for the rest; a database the list does
 * not cover has no schedule and gets no snapshots). Units: m, h, d.
 */
export const DEFAULT_HISTORY_RETENTION = '1d';
export const RETENTION_VARIABLE = 'YUGABYTE_HISTORY_RETENTION';

export interface RetentionPolicy {
  /** Retention in microseconds, or null when the database has no schedule. */
  forDatabase(database: string): bigint | null;
  /** The text the policy was read from, for messages. */
  readonly source: string;
}

const UNIT_MINUTES: Record<string, number> = { m: 1, h: 60, d: 1440 };
const MICROS_PER_MINUTE = 60_000_000n;

function parseDuration(text: string): bigint {
  const match = /^(\d+)(m|h|d)?$/.exec(text.trim());
  if (!match || Number(match[1]) === 0) {
    throw validation(`${RETENTION_VARIABLE}: "${text}" is not a duration (use e.g. 3d, 12h, 90m or minutes).`);
  }
  return BigInt(Number(match[1]) * UNIT_MINUTES[match[2] ?? 'm']!) * MICROS_PER_MINUTE;
}

export function parseRetention(text: string | undefined): RetentionPolicy {
  const source = text?.trim() || DEFAULT_HISTORY_RETENTION;
  if (!source.includes('=')) {
    const everywhere = parseDuration(source);
    return { source, forDatabase: () => everywhere };
  }
  const perDatabase = new Map<string, bigint>();
  for (const entry of source.split(',')) {
    const [name, duration, extra] = entry.split('=').map((part) => part.trim());
    if (!name || duration === undefined || extra !== undefined) {
      throw validation(`${RETENTION_VARIABLE}: expected database=duration, got "${entry}".`);
    }
    perDatabase.set(name, parseDuration(duration));
  }
  return { source, forDatabase: (database) => perDatabase.get(database) ?? perDatabase.get('*') ?? null };
}

/** The earliest point a database can be cloned from now, or null without a schedule. */
export function earliestPoint(policy: RetentionPolicy, database: string, nowMicros: bigint): bigint | null {
  const retention = policy.forDatabase(database);
  return retention === null ? null : nowMicros - retention;
}

export const microsToDate = (micros: bigint) => new Date(Number(micros / 1000n));
export const dateToMicros = (date: Date) => BigInt(date.getTime()) * 1000n;
