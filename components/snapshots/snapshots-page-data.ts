import { authorize, type Need } from '@/lib/domain/access';
import type { Actor } from '@/lib/domain/actor';
import type { DomainContext } from '@/lib/domain/context';
import { engineCapabilities } from '@/lib/domain/engines';
import { listEnvironments, listSnapshots } from '@/lib/domain/environments/queries';
import type { EnvironmentView, SnapshotView } from '@/lib/domain/environments/views';
import { listVisibleTeams } from '@/lib/domain/teams';
import type { CapabilitySummary } from '@/lib/engines/types';
import { isAppError } from '@/lib/errors';
import { isSettled } from '@/lib/domain/environments/status';

/** A snapshot with what the viewer may do with it (only those buttons are shown). */
export interface SnapshotRow {
  snapshot: SnapshotView;
  /** The live environment of its database, for linking and restoring. */
  environment: { id: string; name: string } | null;
  canClone: boolean;
  canRestore: boolean;
  canDrop: boolean;
  /** Why it cannot be dropped whatever the role (a reset point). */
  dropBlockedReason: string | null;
}

/** An environment the viewer may snapshot. */
export interface SnapshotSource {
  id: string;
  name: string;
  team: string;
  /** The engine can snapshot a single table. */
  tableLevel: boolean;
}

/** Memoised checks: the page asks the same (team, need) question for many rows. */
function permissionChecks(context: DomainContext, actor: Actor) {
  const answers = new Map<string, Promise<boolean>>();
  const capabilities = new Map<string, Promise<CapabilitySummary | null>>();
  return {
    may(teamId: string | null, need: Need): Promise<boolean> {
      const key = `${teamId ?? 'production'}:${need}`;
      if (!answers.has(key)) {
        answers.set(
          key,
          authorize(context, actor, teamId, need).then(
            () => true,
            (error: unknown) => {
              if (isAppError(error)) return false;
              throw error;
            },
          ),
        );
      }
      return answers.get(key)!;
    },
    capabilities(engineId: string): Promise<CapabilitySummary | null> {
      if (!capabilities.has(engineId)) capabilities.set(engineId, engineCapabilities(context, engineId));
      return capabilities.get(engineId)!;
    },
  };
}

type Checks = ReturnType<typeof permissionChecks>;

async function snapshotRow(
  snapshot: SnapshotView,
  environment: EnvironmentView | undefined,
  canProvision: boolean,
  checks: Checks,
): Promise<SnapshotRow> {
  const wholeDatabase = snapshot.level === 'database' && snapshot.database !== null;
  const restorable =
    wholeDatabase &&
    environment !== undefined &&
    isSettled(environment.status) &&
    Boolean((await checks.capabilities(environment.engineId))?.restore) &&
    (await checks.may(environment.team?.id ?? null, 'restore'));
  return {
    snapshot,
    environment: environment ? { id: environment.id, name: environment.name } : null,
    canClone: wholeDatabase && canProvision,
    canRestore: restorable,
    canDrop: await checks.may(snapshot.teamId, 'snapshot'),
    dropBlockedReason: snapshot.resetPointOf
      ? `Reset point of ${snapshot.resetPointOf}: it goes when ${snapshot.resetPointOf} is dropped.`
      : null,
  };
}

/** Ready environments the viewer may snapshot, on engines that can be reached. */
async function snapshotSources(environments: EnvironmentView[], checks: Checks): Promise<SnapshotSource[]> {
  const sources: SnapshotSource[] = [];
  for (const environment of environments) {
    if (environment.status !== 'ready' || !(await checks.may(environment.team?.id ?? null, 'snapshot'))) continue;
    const capabilities = await checks.capabilities(environment.engineId);
    if (!capabilities) continue;
    sources.push({
      id: environment.id,
      name: environment.name,
      team: environment.team?.displayName ?? 'Production',
      tableLevel: capabilities.snapshotLevels.includes('table'),
    });
  }
  return sources;
}

export async function loadSnapshotsPage(context: DomainContext, actor: Actor): Promise<{ rows: SnapshotRow[]; sources: SnapshotSource[] }> {
  const [snapshots, environments, teams] = await Promise.all([
    listSnapshots(context, actor),
    listEnvironments(context, actor),
    listVisibleTeams(context, actor),
  ]);
  const checks = permissionChecks(context, actor);
  const canProvision = teams.some((team) => team.viewer.canProvision);
  const byDatabase = new Map(environments.map((environment) => [`${environment.engineId}/${environment.name}`, environment]));
  const rows = await Promise.all(
    snapshots.map((snapshot) =>
      snapshotRow(
        snapshot,
        snapshot.database ? byDatabase.get(`${snapshot.engineId}/${snapshot.database}`) : undefined,
        canProvision,
        checks,
      ),
    ),
  );
  return { rows, sources: await snapshotSources(environments, checks) };
}
