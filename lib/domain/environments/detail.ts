import { isAdminActor } from '../access';
import type { Actor } from '../actor';
import type { DomainContext } from '../context';
import { engineCapabilities } from '../engines';
import { getSettings } from '../settings';
import { type HistoryEvent, listEnvironmentHistory } from './history';
import { type BranchOptions, branchOptions } from './branch-options';
import { loadEnvironment } from './load';
import { type EnvironmentPermissions, environmentPermissions } from './permissions';
import { getEnvironmentView, listSnapshots } from './queries';
import type { EnvironmentView, SnapshotView } from './views';

/** An environment with what the viewer may do to it: what the page polls. */
export interface EnvironmentDetail {
  environment: EnvironmentView;
  permissions: EnvironmentPermissions;
}

/** Limits the page's choices respect (the services enforce them again). */
export interface EnvironmentLimits {
  maxTtlHours: number;
  maxLeadProtectHours: number;
  /** The owning team's default expiry; null for production. */
  teamDefaultTtlHours: number | null;
  isAdmin: boolean;
  /** The engine can snapshot a single table. */
  tableSnapshots: boolean;
  /** The engine can restore a database from a snapshot (reset and restore need it). */
  engineRestores: boolean;
  /** Console statements stop after this many seconds; null when the engine sets no limit. */
  consoleTimeoutSeconds: number | null;
}

export interface EnvironmentPageData extends EnvironmentDetail {
  snapshots: SnapshotView[];
  /** The data-branch panel's choices; null where the engine cannot diff rows (no panel). */
  branches: BranchOptions | null;
  history: HistoryEvent[];
  limits: EnvironmentLimits;
}

/** NOT_FOUND when the environment is gone or the viewer may not see it. */
export async function getEnvironmentDetail(context: DomainContext, actor: Actor, environmentId: string): Promise<EnvironmentDetail> {
  const row = await loadEnvironment(context, actor, environmentId, 'read');
  const [environment, permissions] = await Promise.all([
    getEnvironmentView(context, actor, environmentId),
    environmentPermissions(context, actor, row),
  ]);
  return { environment, permissions };
}

/** Everything the environment page shows, read in one go. */
export async function getEnvironmentPageData(context: DomainContext, actor: Actor, environmentId: string): Promise<EnvironmentPageData> {
  const detail = await getEnvironmentDetail(context, actor, environmentId);
  const { environment } = detail;
  const [snapshots, history, settings, capabilities, isAdmin, team, consoleTimeoutMs] = await Promise.all([
    listSnapshots(context, actor, { environmentId }),
    listEnvironmentHistory(context, actor, environmentId),
    getSettings(context),
    engineCapabilities(context, environment.engineId),
    isAdminActor(context, actor),
    environment.team ? context.prisma.team.findUnique({ where: { id: environment.team.id }, select: { defaultTtlHours: true } }) : null,
    context.engines
      .get(environment.engineId)
      .then((engine) => engine.consoleTimeoutMs ?? null)
      .catch(() => null),
  ]);
  const row = await context.prisma.environment.findUniqueOrThrow({ where: { id: environment.id } });
  return {
    ...detail,
    snapshots,
    branches: await branchOptions(context, actor, row, capabilities),
    history,
    limits: {
      maxTtlHours: settings.maxTtlHours,
      maxLeadProtectHours: settings.maxLeadProtectHours,
      teamDefaultTtlHours: team?.defaultTtlHours ?? null,
      isAdmin,
      tableSnapshots: capabilities?.snapshotLevels.includes('table') ?? false,
      engineRestores: Boolean(capabilities?.restore),
      consoleTimeoutSeconds: consoleTimeoutMs === null ? null : consoleTimeoutMs / 1000,
    },
  };
}
