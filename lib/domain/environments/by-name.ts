import { notFound } from '@/lib/errors';
import type { Environment, Snapshot } from '@/lib/generated/prisma/client';
import { visibleTeams } from '../access';
import type { Actor } from '../actor';
import type { DomainContext } from '../context';
import { LIVE } from './load';

/**
 * Names are how CI addresses things (they are unique among live objects of one engine).
 * These lookups only decide visibility: whatever the actor may not see — another team's,
 * or nothing at all — gets the same NOT_FOUND, so a name's existence does not leak. What the
 * actor may *do* is checked by the service called next, with the id found here.
 */
export async function findEnvironmentByName(context: DomainContext, actor: Actor, name: string, engineId?: string): Promise<Environment> {
  const environment = await context.prisma.environment.findFirst({
    where: { name, engineId: engineId ?? context.engines.defaultId, ...LIVE },
  });
  if (!environment || !(await canSee(context, actor, environment.teamId))) {
    throw notFound(`No environment named ${name}.`);
  }
  return environment;
}

export async function findSnapshotByName(context: DomainContext, actor: Actor, name: string, engineId?: string): Promise<Snapshot> {
  const snapshot = await context.prisma.snapshot.findFirst({
    where: { name, engineId: engineId ?? context.engines.defaultId, droppedAt: null },
  });
  if (!snapshot || !(await canSee(context, actor, snapshot.teamId))) {
    throw notFound(`No snapshot named ${name}.`);
  }
  return snapshot;
}

/** Production (no team) is visible to everyone; team objects to the team (and admins). */
async function canSee(context: DomainContext, actor: Actor, teamId: string | null): Promise<boolean> {
  if (teamId === null) return true;
  const teams = await visibleTeams(context, actor);
  return teams === 'all' || teams.includes(teamId);
}
