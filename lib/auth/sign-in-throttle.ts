import type { PrismaClient, SignInThrottle } from '@/lib/generated/prisma/client';

/**
 * Failed sign-ins slow down, then lock, per account and per client address. An account
 * (keyed by the email typed, so unknown emails behave exactly like real ones) allows 3
 * failures, then makes each next attempt wait 1, 2, 4 … 32 s after the previous failure,
 * and locks for 15 minutes at the 10th. An address (several people may share one) allows
 * 10, backs off the same way, and locks at the 50th. Failures are forgotten 15 minutes after
 * the last one; a successful sign-in clears its account's (not its address's) count.
 * Attempts refused here never reach the password check, so they cost no hashing.
 */

export interface ThrottlePolicy {
  freeFailures: number;
  lockAt: number;
  lockMs: number;
  forgetMs: number;
  maxBackoffMs: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = {
  freeFailures: 3,
  lockAt: 10,
  lockMs: 15 * 60_000,
  forgetMs: 15 * 60_000,
  maxBackoffMs: 32_000,
};
export const ADDRESS_POLICY: ThrottlePolicy = {
  freeFailures: 10,
  lockAt: 50,
  lockMs: 15 * 60_000,
  forgetMs: 15 * 60_000,
  maxBackoffMs: 32_000,
};

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressKey = (address: string) => `address:${address}`;

/** Too many failures: wait this long. The message is the same whether or not the account exists. */
export class SignInThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed sign-ins. Try again in ${describeWait(retryAfterSeconds)}.`);
    this.name = 'SignInThrottledError';
  }
}

export function describeWait(seconds: number): string {
  return seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} second${seconds === 1 ? '' : 's'}`;
}

/** Milliseconds until the next attempt is allowed under `policy` (0: now). Pure, for tests. */
export function waitMs(
  row: Pick<SignInThrottle, 'failures' | 'lastFailureAt' | 'lockedUntil'> | null,
  policy: ThrottlePolicy,
  now: Date,
): number {
  if (!row) return 0;
  if (row.lockedUntil && row.lockedUntil > now) return row.lockedUntil.getTime() - now.getTime();
  const sinceLast = now.getTime() - row.lastFailureAt.getTime();
  if (sinceLast >= policy.forgetMs || row.failures < policy.freeFailures) return 0;
  const backoff = Math.min(policy.maxBackoffMs, 1000 * 2 ** (row.failures - policy.freeFailures));
  return Math.max(0, backoff - sinceLast);
}

/** Throws SignInThrottledError when the account or the address must wait. */
export async function assertMayTry(prisma: PrismaClient, email: string, address: string, now: Date): Promise<void> {
  const rows = await prisma.signInThrottle.findMany({ where: { key: { in: [accountKey(email), addressKey(address)] } } });
  const row = (key: string) => rows.find((candidate) => candidate.key === key) ?? null;
  const wait = Math.max(waitMs(row(accountKey(email)), ACCOUNT_POLICY, now), waitMs(row(addressKey(address)), ADDRESS_POLICY, now));
  if (wait > 0) throw new SignInThrottledError(Math.ceil(wait / 1000));
}

/** Counts one failure against the account and the address (atomically), locking when a count reaches its limit. */
export async function recordFailure(prisma: PrismaClient, email: string, address: string, now: Date): Promise<void> {
  for (const [key, policy] of [
    [accountKey(email), ACCOUNT_POLICY],
    [addressKey(address), ADDRESS_POLICY],
  ] as const) {
    const forgetBefore = new Date(now.getTime() - policy.forgetMs);
    // Failures older than the window start over; the increment itself is one statement.
    await prisma.signInThrottle.updateMany({
      where: { key, lastFailureAt: { lt: forgetBefore }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
      data: { failures: 0, lockedUntil: null },
    });
    const row = await prisma.signInThrottle.upsert({
      where: { key },
      create: { key, failures: 1, lastFailureAt: now },
      update: { failures: { increment: 1 }, lastFailureAt: now },
    });
    if (row.failures >= policy.lockAt && (!row.lockedUntil || row.lockedUntil < now)) {
      await prisma.signInThrottle.update({ where: { key }, data: { lockedUntil: new Date(now.getTime() + policy.lockMs), failures: 0 } });
    }
  }
}

export async function clearAccountFailures(prisma: PrismaClient, email: string): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { key: accountKey(email) } });
}
