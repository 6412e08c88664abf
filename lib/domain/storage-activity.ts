import type { Environment } from '@/lib/generated/prisma/client';
import type { DomainContext } from './context';

/**
 * Each environment's newest audit event (any action on it, by anyone, reads included), keyed
 * by environment id. Names are reused after a drop, so an event older than the environment
 * belongs to an earlier one and is ignored: the newest event per name either falls after the
 * environment's creation or none does.
 */
export async function lastActivityByEnvironment(context: DomainContext, environments: readonly Environment[]): Promise<Map<string, Date>> {
  if (environments.length === 0) return new Map();
  const newest = await context.prisma.auditEvent.groupBy({
    by: ['targetName'],
    where: { targetType: 'environment', targetName: { in: [...new Set(environments.map((environment) => environment.name))] } },
    _max: { createdAt: true },
  });
  const byName = new Map(newest.map((row) => [row.targetName, row._max.createdAt]));
  const activity = new Map<string, Date>();
  for (const environment of environments) {
    const at = byName.get(environment.name);
    if (at && at >= environment.createdAt) activity.set(environment.id, at);
  }
  return activity;
}
