import type { StorageUsage } from '@/lib/engines/types';
import { isAdminActor, visibleTeams } from './access';
import type { Actor } from './actor';
import type { DomainContext } from './context';
import { LIVE } from './environments/load';
import { lastActivityByEnvironment } from './storage-activity';
import { buildEngineReport, type EngineReportInput, type StorageScope } from './storage-engine';
import type { StorageReport } from './storage-types';
import { engineUsage, invalidateUsage } from './usage';

export type * from './storage-types';

/** An environment with no audit event for this many days counts as idle. */
export const IDLE_AFTER_DAYS = 7;

/**
 * The storage picture of every engine, as the storage page, its CSV export and the README
 * describe it. Every byte figure is read from one `engine.usage()` measurement per engine;
 * sums are sums of those figures, never re-measured, so they can be checked for equality
 * against the engine.
 *
 * Who sees what:
 * - admins (and the system): every engine's totals (physical, logical, full copies, savings,
 *   ratio), every team, production (the organisation's row) and unmanaged databases;
 * - other users (leads and members alike): only the teams they belong to — their team rows
 *   and their environments. Engine-wide totals and production are left out, because they
 *   would reveal how much other teams store. Members see the same slice as their lead:
 *   the environment list already shows them these sizes, and the page is read-only.
 */
export async function getStorageReport(
  context: DomainContext,
  actor: Actor,
  options: { idleAfterDays?: number } = {},
): Promise<StorageReport> {
  const idleAfterDays = options.idleAfterDays ?? IDLE_AFTER_DAYS;
  const admin = await isAdminActor(context, actor);
  const teamsVisible = admin ? 'all' : await visibleTeams(context, actor);
  const scope: StorageScope = teamsVisible === 'all' ? { kind: 'all' } : { kind: 'teams', teamIds: teamsVisible };
  const teamFilter = scope.kind === 'all' ? {} : { teamId: { in: scope.teamIds } };
  const [teams, environments, snapshots, engineRows] = await Promise.all([
    context.prisma.team.findMany({ where: scope.kind === 'all' ? {} : { id: { in: scope.teamIds } }, orderBy: { name: 'asc' } }),
    context.prisma.environment.findMany({ where: { ...LIVE, ...teamFilter }, orderBy: { createdAt: 'asc' } }),
    context.prisma.snapshot.findMany({
      where: { droppedAt: null, ...teamFilter },
      select: { name: true, engineId: true, database: true, teamId: true },
    }),
    context.prisma.engine.findMany({ select: { id: true, label: true } }),
  ]);
  const now = context.now();
  const lastActivity = await lastActivityByEnvironment(context, environments);
  const engines = await Promise.all(
    context.engines.ids().map(async (engineId) => {
      const measured = await measure(context, engineId, latestChange(environments, engineId));
      const input: EngineReportInput = {
        engineId,
        label: engineRows.find((row) => row.id === engineId)?.label ?? engineId,
        usage: measured.usage,
        unavailableMessage: measured.message,
        teams,
        environments: environments.filter((environment) => environment.engineId === engineId),
        snapshots: snapshots.filter((snapshot) => snapshot.engineId === engineId),
        lastActivity,
        now,
        idleAfterDays,
        scope,
      };
      return buildEngineReport(input);
    }),
  );
  return { scope: scope.kind, generatedAt: now.toISOString(), idleAfterDays, engines };
}

/** When the newest change to an environment of the engine was recorded. */
function latestChange(environments: ReadonlyArray<{ engineId: string; updatedAt: Date }>, engineId: string): number {
  return Math.max(
    0,
    ...environments.filter((environment) => environment.engineId === engineId).map((environment) => environment.updatedAt.getTime()),
  );
}

/**
 * The engine's usage, shared with other pages for a few seconds — unless it was measured
 * before the latest change to an environment (a clone that just became ready would be
 * missing from it), then measured afresh.
 */
async function measure(
  context: DomainContext,
  engineId: string,
  changedAt: number,
): Promise<{ usage: StorageUsage | null; message: string | null }> {
  try {
    const cached = await engineUsage(context, engineId);
    if (cached.measuredAt.getTime() >= changedAt) return { usage: cached, message: null };
    invalidateUsage(engineId);
    return { usage: await engineUsage(context, engineId), message: null };
  } catch (error) {
    console.error(`[clonedeck] measuring storage of engine ${engineId} failed:`, error);
    return { usage: null, message: 'The engine could not be measured right now; its sizes are not shown.' };
  }
}
