/**
 * Names of the databases a clone-and-swap restore creates: the clone taken at the
 * snapshot (swapped in) and the original (kept aside, reported to the user). Both carry
 * the restore's UTC minute and fit Postgres' 63-character limit by shortening the
 * database part, never the suffix.
 */
export const MAX_IDENTIFIER_LENGTH = 63;

export function restoreStamp(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}`;
}

export function withSuffix(database: string, suffix: string): string {
  return `${database.slice(0, MAX_IDENTIFIER_LENGTH - suffix.length)}${suffix}`;
}

export interface RestoreNames {
  /** Where the snapshot's clone is built before the swap. */
  staging: string;
  /** What the original database is renamed to: `<db>_before_restore_<yyyymmddhhmm>`. */
  previous: string;
}

export function restoreNames(database: string, now: Date): RestoreNames {
  const stamp = restoreStamp(now);
  return {
    staging: withSuffix(database, `_restoring_${stamp}`),
    previous: withSuffix(database, `_before_restore_${stamp}`),
  };
}
