/**
 * Every time and duration the product prints: pages, notifications and messages. Times are
 * UTC to the minute, so the server's HTML and the browser agree (no hydration mismatch) and
 * match what the API, the CLI and environment names show.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (value: number) => String(value).padStart(2, '0');

type TimeInput = string | number | Date;

const toDate = (at: TimeInput) => (at instanceof Date ? at : new Date(at));

/** "2026-11-21" (UTC). */
export function formatDay(at: TimeInput): string {
  const date = toDate(at);
  if (Number.isNaN(date.getTime())) return String(at);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** "20261121_0930" (UTC, to the minute): the stamp suggested environment and snapshot names end with. */
export function formatNameStamp(at: Date): string {
  return `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}_${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}`;
}

/** "2026-11-21 09:30 UTC"; text that is not a time is returned as it is. */
export function formatTimestamp(at: TimeInput): string {
  const date = toDate(at);
  if (Number.isNaN(date.getTime())) return String(at);
  return `${formatDay(date)} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

/**
 * 90 061 000 ms → "1 d 1 h"; 3 900 000 → "1 h 5 min"; under a minute → "less than a minute".
 * Two units at most, rounded down: a countdown must not promise time that is not there.
 */
export function formatDuration(milliseconds: number): string {
  const span = Math.abs(milliseconds);
  if (span < MINUTE) return 'less than a minute';
  const days = Math.floor(span / DAY);
  const hours = Math.floor((span % DAY) / HOUR);
  const minutes = Math.floor((span % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return `${minutes} min`;
}

/** "Expires in 6 d 23 h", "Expired 2 h ago", or "Never expires": the same words on every page. */
export function formatExpiry(expiresAt: string | null, now: Date): string {
  if (expiresAt === null) return 'Never expires';
  const remaining = Date.parse(expiresAt) - now.getTime();
  return remaining > 0 ? `Expires in ${formatDuration(remaining)}` : `Expired ${formatDuration(remaining)} ago`;
}

/** "3 h ago", or "just now" within the minute. */
export function formatAge(at: string, now: Date): string {
  const elapsed = now.getTime() - Date.parse(at);
  return elapsed < MINUTE ? 'just now' : `${formatDuration(elapsed)} ago`;
}

/** Where an environment stands against its expiry and the warning window (the page turns amber, then red). */
export type ExpiryState = 'never' | 'later' | 'soon' | 'expired';

export function expiryState(expiresAt: string | null, now: Date, warningHours: number): ExpiryState {
  if (expiresAt === null) return 'never';
  const remaining = Date.parse(expiresAt) - now.getTime();
  if (remaining <= 0) return 'expired';
  return remaining <= warningHours * HOUR ? 'soon' : 'later';
}

/** A length of time chosen in hours: 2 → "2 hours", 24 → "1 day", 72 → "3 days", 36 → "36 hours". */
export function formatHours(hours: number): string {
  if (hours >= 24 && hours % 24 === 0) {
    const days = hours / 24;
    return days === 1 ? '1 day' : `${days} days`;
  }
  return hours === 1 ? '1 hour' : `${hours} hours`;
}
