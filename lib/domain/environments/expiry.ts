import type { Environment, Prisma } from '@/lib/generated/prisma/client';
import { LIVE } from './load';

type ExpiryFields = Pick<Environment, 'expiresAt' | 'isProduction' | 'isProtected' | 'protectedUntil'>;

/**
 * The one rule for when an environment has expired for good: its expiry has passed and
 * nothing keeps it — never production, never while protected (the flag, or `protectedUntil`
 * still ahead). From that instant the reaper drops it (`reapableWhere`) and the front door
 * refuses its credentials (they are valid until then). The pages' "expired" badge shows the
 * expiry alone; a protected environment past it stays usable, as it stays undropped.
 */
export function expiredFrom(environment: ExpiryFields): Date | null {
  const { expiresAt, protectedUntil } = environment;
  if (environment.isProduction || environment.isProtected || expiresAt === null) return null;
  return protectedUntil !== null && protectedUntil > expiresAt ? protectedUntil : expiresAt;
}

/** The same rule as a query: live environments expired for good at `now` (`expiredFrom(environment) <= now`). */
export function reapableWhere(now: Date): Prisma.EnvironmentWhereInput {
  return {
    ...LIVE,
    isProduction: false,
    isProtected: false,
    expiresAt: { lte: now },
    OR: [{ protectedUntil: null }, { protectedUntil: { lte: now } }],
  };
}
