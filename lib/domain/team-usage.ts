import { notFound } from '@/lib/errors';
import { authorize } from './access';
import type { Actor } from './actor';
import type { DomainContext } from './context';
import { listEnvironments } from './environments/queries';
import type { EnvironmentView } from './environments/views';

export interface TeamUsage {
  team: { name: string; displayName: string; maxEnvironments: number; maxOwnBytes: number | null };
  environmentCount: number;
  /** Sums over the environments whose engine reports the number. */
  logicalBytes: number;
  ownBytes: number;
  environments: Array<{
    name: string;
    engineId: string;
    status: EnvironmentView['status'];
    logicalBytes: number | null;
    ownBytes: number | null;
    expiresAt: string | null;
  }>;
}

/** A team's environments against its quotas: what a pipeline checks before provisioning. */
export async function getTeamUsage(context: DomainContext, actor: Actor, teamId: string): Promise<TeamUsage> {
  await authorize(context, actor, teamId, 'read');
  const team = await context.prisma.team.findUnique({ where: { id: teamId } });
  if (!team) throw notFound('Team not found.');
  const environments = await listEnvironments(context, actor, { teamId });
  return {
    team: {
      name: team.name,
      displayName: team.displayName,
      maxEnvironments: team.maxEnvironments,
      maxOwnBytes: team.maxOwnBytes === null ? null : Number(team.maxOwnBytes),
    },
    environmentCount: environments.length,
    logicalBytes: environments.reduce((total, environment) => total + (environment.logicalBytes ?? 0), 0),
    ownBytes: environments.reduce((total, environment) => total + (environment.ownBytes ?? 0), 0),
    environments: environments.map((environment) => ({
      name: environment.name,
      engineId: environment.engineId,
      status: environment.status,
      logicalBytes: environment.logicalBytes,
      ownBytes: environment.ownBytes,
      expiresAt: environment.expiresAt,
    })),
  };
}
