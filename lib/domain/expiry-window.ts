/** The last share of an environment's lifetime in which it counts as expiring soon. */
export const EXPIRING_SHARE_OF_LIFETIME = 0.2;
const HOUR_MS = 3_600_000;

/**
 * When an environment starts to count as expiring soon: its last 20 % of lifetime or the
 * organisation's warning window, whichever is shorter. Relative to lifetime so that a clone
 * made for two hours is not born "expiring soon" (nor warned about) under a 24-hour window.
 * Lifetime runs from creation to the current expiry, so an extension lengthens it.
 */
export function expiringSoonFrom(createdAt: Date, expiresAt: Date, warningHours: number): Date {
  const lifetime = Math.max(0, expiresAt.getTime() - createdAt.getTime());
  const window = Math.min(lifetime * EXPIRING_SHARE_OF_LIFETIME, warningHours * HOUR_MS);
  return new Date(expiresAt.getTime() - window);
}

export type ExpiryState = 'never' | 'later' | 'soon' | 'expired';

/** Where an environment stands against its expiry and its warning window. */
export function expiryStateAt(createdAt: Date, expiresAt: Date | null, now: Date, warningHours: number): ExpiryState {
  if (expiresAt === null) return 'never';
  if (expiresAt <= now) return 'expired';
  return expiringSoonFrom(createdAt, expiresAt, warningHours) <= now ? 'soon' : 'later';
}

/** The same, from the ISO strings views carry (the overview's cards). */
export function expiryStateOf(createdAt: string, expiresAt: string | null, now: Date, warningHours: number): ExpiryState {
  return expiryStateAt(new Date(createdAt), expiresAt === null ? null : new Date(expiresAt), now, warningHours);
}
