import type { Prisma } from '@/lib/generated/prisma/client';
import type { DomainContext } from './context';

/**
 * Named leases in the metadata database (the Lease table), so that replicas sharing one
 * PostgreSQL agree on who does a piece of background work. Expiry is read from the
 * database's clock, not the replica's, so replicas whose clocks disagree still agree on
 * whether a lease has run out.
 */

interface LeaseHolderRow {
  holder: string;
}

/**
 * Takes the lease for `holder`, or renews it if `holder` has it already. False while
 * another holder's lease has not expired. One statement, so two replicas racing for a
 * free lease cannot both win: the loser's ON CONFLICT sees the winner's row.
 */
export async function acquireLease(context: DomainContext, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const ttlSeconds = ttlMs / 1000;
  const rows = await context.prisma.$queryRaw<LeaseHolderRow[]>`
    INSERT INTO "Lease" ("name", "holder", "expiresAt")
    VALUES (${name}, ${holder}, (now() AT TIME ZONE 'UTC') + ${ttlSeconds}::double precision * interval '1 second')
    ON CONFLICT ("name") DO UPDATE SET "holder" = EXCLUDED."holder", "expiresAt" = EXCLUDED."expiresAt"
      WHERE "Lease"."expiresAt" <= (now() AT TIME ZONE 'UTC') OR "Lease"."holder" = EXCLUDED."holder"
    RETURNING "holder"`;
  return rows.length === 1 && rows[0]?.holder === holder;
}

/** Gives the lease up early (end of a pass), if `holder` still has it. */
export async function releaseLease(context: DomainContext, name: string, holder: string): Promise<void> {
  await context.prisma.lease.deleteMany({ where: { name, holder } });
}

/**
 * A lease that is never renewed: a once-only marker. True for the first caller only, for
 * as long as the row is kept (until `keepUntil`, then `pruneMarkers` may remove it). Called
 * inside a transaction, the claim commits or rolls back with the work it guards.
 */
export async function claimOnce(prisma: Prisma.TransactionClient, name: string, holder: string, keepUntil: Date): Promise<boolean> {
  const created = await prisma.lease.createMany({ data: [{ name, holder, expiresAt: keepUntil }], skipDuplicates: true });
  return created.count === 1;
}

/** Removes once-only markers under `prefix` whose keep-until time has passed. */
export async function pruneMarkers(context: DomainContext, prefix: string): Promise<number> {
  const removed = await context.prisma.lease.deleteMany({ where: { name: { startsWith: prefix }, expiresAt: { lt: context.now() } } });
  return removed.count;
}
