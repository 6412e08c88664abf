import { AppError, forbidden, validation } from '@/lib/errors';
import type { Actor } from '../actor';
import { isAdminActor } from '../access';
import type { DomainContext } from '../context';
import { getSettings } from '../settings';
import { LIVE } from './load';

/**
 * When an environment expires: the team default when none is asked for, capped by the
 * admin-set maximum; "never" (null) only for admins.
 */
export async function resolveExpiry(
  context: DomainContext,
  actor: Actor,
  team: { defaultTtlHours: number },
  ttlHours: number | null | undefined,
): Promise<Date | null> {
  const settings = await getSettings(context);
  const admin = await isAdminActor(context, actor);
  if (ttlHours === null) {
    if (!admin) throw forbidden('Only an administrator can make an environment never expire.');
    return null;
  }
  const hours = ttlHours ?? Math.min(team.defaultTtlHours, settings.maxTtlHours);
  if (hours > settings.maxTtlHours && !admin) {
    const message = `The expiry can be at most ${settings.maxTtlHours} hours away (the administrator's maximum).`;
    throw validation(message, { ttlHours: [message] });
  }
  return new Date(context.now().getTime() + hours * 3_600_000);
}

/** Refuses with QUOTA when the team has reached its environment count or delta bytes. */
export async function assertWithinQuota(context: DomainContext, teamId: string): Promise<void> {
  const team = await context.prisma.team.findUniqueOrThrow({ where: { id: teamId } });
  const count = await context.prisma.environment.count({ where: { teamId, ...LIVE } });
  if (count >= team.maxEnvironments) {
    throw new AppError(
      'QUOTA',
      `Team ${team.name} already has ${count} of its ${team.maxEnvironments} environments (quota "maximum environments"). Drop one first.`,
    );
  }
  if (team.maxOwnBytes === null) return;
  const ownBytes = await teamOwnBytes(context, teamId);
  if (ownBytes >= team.maxOwnBytes) {
    throw new AppError(
      'QUOTA',
      `Team ${team.name} holds ${ownBytes} bytes of changes, at its quota of ${team.maxOwnBytes} (quota "maximum delta bytes"). Drop or reset an environment first.`,
    );
  }
}

/** The team's environments' own (delta) bytes, as their engines measure them now. */
export async function teamOwnBytes(context: DomainContext, teamId: string): Promise<bigint> {
  const environments = await context.prisma.environment.findMany({ where: { teamId, ...LIVE }, select: { name: true, engineId: true } });
  let total = 0n;
  for (const engineId of new Set(environments.map((environment) => environment.engineId))) {
    const usage = await (await context.engines.get(engineId)).usage();
    const names = new Set(environments.filter((environment) => environment.engineId === engineId).map((environment) => environment.name));
    for (const database of usage.databases) if (names.has(database.database)) total += BigInt(database.ownBytes ?? 0);
  }
  return total;
}
