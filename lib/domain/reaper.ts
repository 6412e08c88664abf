import { userMessage } from '@/lib/errors';
import type { Environment, Prisma } from '@/lib/generated/prisma/client';
import { SYSTEM_ACTOR } from './actor';
import { recordAudit } from './audit';
import type { DomainContext } from './context';
import { finishDrop } from './environments/lifecycle';
import { reapableWhere } from './environments/expiry';
import { acquireLease, releaseLease } from './leases';
import { notifyEnvironmentPeople } from './notifications';
import { DROPPABLE_STATUSES } from './environments/status';
import { formatTimestamp } from '@/lib/format/time';

/**
 * The expiry reaper: drops environments whose expiry has passed, never production and
 * never a protected one. Safe with several replicas on one metadata database, twice over:
 * a pass runs only under the "reaper" lease (one replica at a time), and each environment
 * is claimed by an atomic status change before anything is dropped, so even two passes
 * that overlap (a lease that ran out mid-pass) cannot drop one environment twice.
 */

export const REAPER_LEASE = 'reaper';
/** Far longer than a pass should take; renewed before each environment. */
const LEASE_TTL_MS = 5 * 60_000;
/**
 * An environment still "dropping" this long after its last change was left by a process
 * that died mid-drop; younger ones may be a drop in progress elsewhere.
 */
export const STALE_DROP_MS = 10 * 60_000;
const BATCH = 100;

export interface ReapReport {
  /** False when another replica held the lease: this pass did nothing. */
  leased: boolean;
  dropped: string[];
  failed: Array<{ name: string; error: string }>;
}

export async function reapExpired(context: DomainContext, options: { holder: string }): Promise<ReapReport> {
  const { holder } = options;
  if (!(await acquireLease(context, REAPER_LEASE, holder, LEASE_TTL_MS))) return { leased: false, dropped: [], failed: [] };
  try {
    const report = await reapClaimable(context, () => acquireLease(context, REAPER_LEASE, holder, LEASE_TTL_MS));
    return { leased: true, ...report };
  } finally {
    await releaseLease(context, REAPER_LEASE, holder);
  }
}

/**
 * One pass without the lease: each candidate is claimed atomically, so concurrent passes
 * share the work instead of repeating it. `keepLease` is asked before each environment;
 * when it says no (the lease was lost), the pass stops.
 */
export async function reapClaimable(
  context: DomainContext,
  keepLease: () => Promise<boolean> = async () => true,
): Promise<Omit<ReapReport, 'leased'>> {
  const report: Omit<ReapReport, 'leased'> = { dropped: [], failed: [] };
  for (const candidate of await findCandidates(context)) {
    if (!(await keepLease())) break;
    const environment = await claim(context, candidate);
    if (environment) await reapOne(context, environment, report);
  }
  return report;
}

async function findCandidates(context: DomainContext): Promise<Environment[]> {
  const now = context.now();
  const staleBefore = new Date(now.getTime() - STALE_DROP_MS);
  return context.prisma.environment.findMany({
    where: {
      AND: [
        reapableWhere(now),
        { OR: [{ status: { in: [...DROPPABLE_STATUSES] } }, { status: 'dropping', updatedAt: { lte: staleBefore } }] },
      ],
    },
    orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }],
    take: BATCH,
  });
}

/**
 * Moves the environment to "dropping" if it is still reapable. A settled environment is
 * claimed by its status; an abandoned drop by its last-change time (compare-and-set), which
 * the claim itself moves on. Under PostgreSQL's row locks the second of two racing claims
 * re-reads the row and matches nothing.
 */
async function claim(context: DomainContext, candidate: Environment): Promise<Environment | null> {
  const now = context.now();
  const stillClaimable: Prisma.EnvironmentWhereInput =
    candidate.status === 'dropping' ? { status: 'dropping', updatedAt: candidate.updatedAt } : { status: { in: [...DROPPABLE_STATUSES] } };
  const claimed = await context.prisma.environment.updateMany({
    where: { AND: [{ id: candidate.id }, reapableWhere(now), stillClaimable] },
    data: { status: 'dropping', statusMessage: 'Expired; dropping', updatedAt: now },
  });
  return claimed.count === 1 ? { ...candidate, status: 'dropping', updatedAt: now } : null;
}

async function reapOne(context: DomainContext, environment: Environment, report: Omit<ReapReport, 'leased'>): Promise<void> {
  const target = { type: 'environment' as const, name: environment.name, teamId: environment.teamId };
  const details = { expiresAt: environment.expiresAt?.toISOString() ?? null, resumed: environment.status === 'dropping' };
  try {
    const { freedBytes } = await finishDrop(context, environment);
    report.dropped.push(environment.name);
    await recordAudit(context, SYSTEM_ACTOR, 'environment.expire', target, { ok: true }, { ...details, freedBytes });
    const expiredAt = environment.expiresAt ? formatTimestamp(environment.expiresAt) : 'no expiry';
    await notifyEnvironmentPeople(context.prisma, environment, {
      kind: 'expired',
      message: `${environment.name} expired (${expiredAt}) and was dropped.`,
      at: context.now(),
    });
  } catch (error) {
    report.failed.push({ name: environment.name, error: userMessage(error) });
    await recordAudit(context, SYSTEM_ACTOR, 'environment.expire', target, { ok: false, error }, details);
    // Failed, not stuck in "dropping": the next pass retries it (it is still expired).
    await context.prisma.environment.updateMany({
      where: { id: environment.id, status: 'dropping', droppedAt: null },
      data: { status: 'failed', statusMessage: 'Dropping at expiry failed', lastError: userMessage(error) },
    });
  }
}
