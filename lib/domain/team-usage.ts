import { notFound } from '@/lib/errors';
import { authorize } from './access';
import type { Actor } from './actor';
import type { DomainContext } from './context';
import { listEnvironments } from './environments/queries';
import type { EnvironmentView } from './environments/views';
import { type HeldBytes, sumHeldBytes } from './storage-sums';

/** Sums over the environments whose engine reports each figure (see storage-sums.ts). */
export interface TeamUsage extends HeldBytes {
  team: { name: string; displayName: string; maxEnvironments: number; maxOwnBytes: number | null };
  environmentCount: number;
  /** The same sums per engine the team's environments live on. */
  engines: Array<HeldBytes & { engineId: string; environmentCount: number }>;
  environments: Array<{
    name: string;
    engineId: string;
    status: EnvironmentView['status'];
    logicalBytes: number | null;
    ownBytes: number | null;
    freedIfDroppedBytes: number | null;
    pinnedBytes: number | null;
    expiresAt: string | null;
  }>;
}

/** A team's environments against its quotas: what a pipeline checks before provisioning. */
export async function getTeamUsage(context: DomainContext, actor: Actor, teamId: string): Promise<TeamUsage> {
  await authorize(context, actor, teamId, 'read');
  const team = await context.prisma.team.findUnique({ where: { id: teamId } });
  if (!team) throw notFound('Team not found.');
  const environments = await listEnvironments(context, actor, { teamId });
  const engineIds = [...new Set(environments.map((environment) => environment.engineId))].sort();
  return {
    team: {
      name: team.name,
      displayName: team.displayName,
      maxEnvironments: team.maxEnvironments,
      maxOwnBytes: team.maxOwnBytes === null ? null : Number(team.maxOwnBytes),
    },
    environmentCount: environments.length,
    ...sumHeldBytes(environments),
    engines: engineIds.map((engineId) => {
      const held = environments.filter((environment) => environment.engineId === engineId);
      return { engineId, environmentCount: held.length, ...sumHeldBytes(held) };
    }),
    environments: environments.map((environment) => ({
      name: environment.name,
      engineId: environment.engineId,
      status: environment.status,
      logicalBytes: environment.logicalBytes,
      ownBytes: environment.ownBytes,
      freedIfDroppedBytes: environment.freedIfDroppedBytes,
      pinnedBytes: environment.pinnedBytes,
      expiresAt: environment.expiresAt,
    })),
  };
}
