import type { CapabilitySummary } from '@/lib/engines/types';
import { denial, loadStanding, type Need, type Standing } from './access';
import type { Actor } from './actor';
import type { DomainContext } from './context';
import { engineCapabilities } from './engines';
import { listEnvironments, listSnapshots } from './environments/queries';
import type { EnvironmentView, SnapshotView } from './environments/views';
import { isSettled } from './environments/status';
import { listVisibleTeams } from './teams';

/**
 * The snapshots page: every snapshot the viewer can see with what they may do with it, decided
 * by the one policy (access.ts) for the viewer as loaded once.
 */

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

/** The viewer's standing, loaded once; engine capabilities memoised per engine. */
function permissionChecks(context: DomainContext, standing: Standing) {
  const capabilities = new Map<string, Promise<CapabilitySummary | null>>();
  return {
    may: async (teamId: string | null, need: Need): Promise<boolean> => denial(standing, teamId, need) === null,
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
  const checks = permissionChecks(context, await loadStanding(context, actor));
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
