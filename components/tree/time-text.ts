import { type ExpiryState, expiryStateAt } from '@/lib/domain/expiry-window';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type { ExpiryState } from '@/lib/domain/expiry-window';

/** Where an environment stands against its expiry and the warning window (see expiry-window). */
export function expiryState(createdAt: string, expiresAt: string | null, now: Date, warningHours: number): ExpiryState {
  return expiryStateAt(new Date(createdAt), expiresAt === null ? null : new Date(expiresAt), now, warningHours);
}

/** "expires in 6 d 3 h", "expires in 2 h 5 min", "expired", "never". */
export function describeExpiry(expiresAt: string | null, now: Date): string {
  if (expiresAt === null) return 'never';
  const remaining = Date.parse(expiresAt) - now.getTime();
  if (remaining <= 0) return 'expired';
  return `expires in ${describeDuration(remaining)}`;
}

/** "3 h ago", "just now": how long ago something happened. */
export function describeAge(at: string, now: Date): string {
  const elapsed = now.getTime() - Date.parse(at);
  return elapsed < MINUTE ? 'just now' : `${describeDuration(elapsed)} ago`;
}

/** Two units at most, rounded down (a countdown must not promise time that is not there). */
export function describeDuration(milliseconds: number): string {
  const ms = Math.max(0, milliseconds);
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return `${Math.max(1, minutes)} min`;
}
