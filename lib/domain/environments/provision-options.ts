import { isAdminActor } from '../access';
import type { Actor } from '../actor';
import type { DomainContext } from '../context';
import { getSettings } from '../settings';
import { listEnvironments, listSnapshots } from './queries';

export interface ProvisionTeam {
  id: string;
  name: string;
  displayName: string;
  defaultTtlHours: number;
}

export interface ProvisionSourceEnvironment {
  id: string;
  name: string;
  isProduction: boolean;
  team: string | null;
}

export interface ProvisionSourceSnapshot {
  id: string;
  name: string;
  database: string;
  createdAt: string;
}

/** What the provision form offers this user. */
export interface ProvisionOptions {
  /** Teams the user may provision for: all for admins, else the teams they lead. */
  teams: ProvisionTeam[];
  /** Ready environments the user can see, production first. */
  environments: ProvisionSourceEnvironment[];
  /** Whole-database snapshots the user can see, newest first; reset points are left out. */
  snapshots: ProvisionSourceSnapshot[];
  maxTtlHours: number;
  isAdmin: boolean;
}

export async function getProvisionOptions(context: DomainContext, actor: Actor): Promise<ProvisionOptions> {
  const isAdmin = await isAdminActor(context, actor);
  const leads = actor.kind === 'user' ? { memberships: { some: { userId: actor.userId, role: 'lead' as const } } } : { id: '__none__' };
  const [teams, environments, snapshots, settings] = await Promise.all([
    context.prisma.team.findMany({
      where: isAdmin ? {} : leads,
      select: { id: true, name: true, displayName: true, defaultTtlHours: true },
      orderBy: { name: 'asc' },
    }),
    listEnvironments(context, actor),
    listSnapshots(context, actor),
    getSettings(context),
  ]);
  return {
    teams,
    environments: environments
      .filter((environment) => environment.status === 'ready')
      .map((environment) => ({
        id: environment.id,
        name: environment.name,
        isProduction: environment.isProduction,
        team: environment.team?.displayName ?? null,
      })),
    snapshots: snapshots.flatMap((snapshot) =>
      snapshot.level === 'database' && snapshot.database && !snapshot.resetPointOf
        ? [{ id: snapshot.id, name: snapshot.name, database: snapshot.database, createdAt: snapshot.createdAt }]
        : [],
    ),
    maxTtlHours: settings.maxTtlHours,
    isAdmin,
  };
}
