import type { Prisma } from '@/lib/generated/prisma/client';
import { visibleTeams } from '../access';
import type { Actor } from '../actor';
import type { DomainContext } from '../context';
import { databaseSizes } from '../usage';
import { LIVE, loadEnvironment } from './load';
import {
  ENVIRONMENT_INCLUDE,
  type EnvironmentRow,
  type EnvironmentView,
  type SnapshotView,
  toEnvironmentView,
  toSnapshotView,
} from './views';

/** Which rows an actor may see: production (no team) and the teams they belong to. */
type TeamScope = { teamId?: string; OR?: Array<{ teamId: null } | { teamId: { in: string[] } }> };

async function visibleWhere(context: DomainContext, actor: Actor, teamId?: string): Promise<TeamScope> {
  const teams = await visibleTeams(context, actor);
  if (teamId) return teams === 'all' || teams.includes(teamId) ? { teamId } : { teamId: '__none__' };
  return teams === 'all' ? {} : { OR: [{ teamId: null }, { teamId: { in: teams } }] };
}

/** Live environments the actor can see, with their sizes where the engine reports them. */
export async function listEnvironments(context: DomainContext, actor: Actor, filter: { teamId?: string } = {}): Promise<EnvironmentView[]> {
  return (await listEnvironmentRecords(context, actor, filter)).map((record) => record.view);
}

/** The same, each view beside its row (for callers that also decide permissions on the rows: one read, not two). */
export async function listEnvironmentRecords(
  context: DomainContext,
  actor: Actor,
  filter: { teamId?: string } = {},
): Promise<Array<{ row: EnvironmentRow; view: EnvironmentView }>> {
  const where: Prisma.EnvironmentWhereInput = { ...LIVE, ...(await visibleWhere(context, actor, filter.teamId)) };
  const rows = await context.prisma.environment.findMany({
    where,
    include: ENVIRONMENT_INCLUDE,
    orderBy: [{ isProduction: 'desc' }, { createdAt: 'asc' }],
  });
  const sizes = new Map<string, Awaited<ReturnType<typeof databaseSizes>>>();
  for (const engineId of new Set(rows.map((row) => row.engineId))) sizes.set(engineId, await databaseSizes(context, engineId));
  const now = context.now();
  return rows.map((row) => ({ row, view: toEnvironmentView(row, now, sizes.get(row.engineId)?.byName.get(row.name)) }));
}

export async function getEnvironmentView(context: DomainContext, actor: Actor, environmentId: string): Promise<EnvironmentView> {
  const environment = await loadEnvironment(context, actor, environmentId, 'read');
  const row = await context.prisma.environment.findUniqueOrThrow({ where: { id: environment.id }, include: ENVIRONMENT_INCLUDE });
  const { byName } = await databaseSizes(context, row.engineId);
  return toEnvironmentView(row, context.now(), byName.get(row.name));
}

/** Live snapshots the actor can see (optionally of one environment), with what stands on them. */
export async function listSnapshots(
  context: DomainContext,
  actor: Actor,
  filter: { environmentId?: string } = {},
): Promise<SnapshotView[]> {
  const scope = filter.environmentId ? await loadEnvironment(context, actor, filter.environmentId, 'read') : null;
  const where: Prisma.SnapshotWhereInput = {
    droppedAt: null,
    ...(scope ? { engineId: scope.engineId, database: scope.name } : {}),
    ...(await visibleWhere(context, actor)),
  };
  const rows = await context.prisma.snapshot.findMany({
    where,
    include: { createdBy: { select: { email: true } }, environmentsResetHere: { where: LIVE, select: { name: true } } },
    orderBy: { createdAt: 'desc' },
  });
  const pinned = new Map<string, Map<string, string[] | undefined>>();
  const freed = new Map<string, Map<string, number | null>>();
  for (const engineId of new Set(rows.map((row) => row.engineId))) {
    const engine = await context.engines.get(engineId);
    const snapshots = await engine.listSnapshots().catch(() => []);
    pinned.set(engineId, new Map(snapshots.map((snapshot) => [snapshot.name, snapshot.pinnedBy])));
    const { usage } = await databaseSizes(context, engineId);
    freed.set(engineId, new Map(usage?.snapshots.map((snapshot) => [snapshot.snapshot, snapshot.freedIfDroppedBytes]) ?? []));
  }
  return rows.map((row) =>
    toSnapshotView(row, {
      createdBy: row.createdBy?.email ?? null,
      pinnedBy: pinned.get(row.engineId)?.get(row.name) ?? null,
      resetPointOf: row.environmentsResetHere[0]?.name ?? null,
      freedIfDroppedBytes: freed.get(row.engineId)?.get(row.name) ?? null,
    }),
  );
}
