import type { Actor } from './actor';
import type { DomainContext } from './context';
import { listEnvironments, listSnapshots } from './environments/queries';
import type { EnvironmentView, SnapshotView } from './environments/views';
import { engineUsage } from './usage';

export type TreeNode =
  | { id: string; kind: 'environment'; parentId: string | null; environment: EnvironmentView }
  | { id: string; kind: 'snapshot'; parentId: string | null; snapshot: SnapshotView };

export interface OverviewTree {
  nodes: TreeNode[];
  /** Largest own (delta) bytes among the environments, to scale the delta bars. */
  maxOwnBytes: number;
  /** Engines that do not report per-clone deltas (the UI says so instead of showing a number). */
  enginesWithoutDelta: string[];
  /** True while something is provisioning, resetting, restoring or dropping: the client polls faster. */
  busy: boolean;
}

const envNode = (id: string) => `env:${id}`;
const snapNode = (id: string) => `snap:${id}`;

/**
 * The family tree the overview draws: production → its snapshots → clones (clones of
 * clones nested). Reset points are left out (they belong to their environment's page).
 */
export async function buildOverviewTree(context: DomainContext, actor: Actor): Promise<OverviewTree> {
  const environments = await listEnvironments(context, actor);
  const snapshots = (await listSnapshots(context, actor)).filter((snapshot) => !snapshot.resetPointOf);
  const environmentByName = new Map(environments.map((environment) => [`${environment.engineId}/${environment.name}`, environment]));
  const visibleSnapshots = new Set(snapshots.map((snapshot) => snapshot.id));
  const parentOfDatabase = (engineId: string, database: string | null) => {
    const parent = database ? environmentByName.get(`${engineId}/${database}`) : undefined;
    return parent ? envNode(parent.id) : null;
  };
  const nodes: TreeNode[] = [
    ...environments.map((environment): TreeNode => {
      const fromSnapshot = environment.sourceSnapshot && visibleSnapshots.has(environment.sourceSnapshot.id);
      return {
        id: envNode(environment.id),
        kind: 'environment',
        parentId: fromSnapshot ? snapNode(environment.sourceSnapshot!.id) : parentOfDatabase(environment.engineId, environment.sourceDatabase),
        environment,
      };
    }),
    ...snapshots.map((snapshot): TreeNode => ({
      id: snapNode(snapshot.id),
      kind: 'snapshot',
      parentId: parentOfDatabase(snapshot.engineId, snapshot.database),
      snapshot,
    })),
  ];
  const enginesWithoutDelta: string[] = [];
  for (const engineId of new Set(environments.map((environment) => environment.engineId))) {
    const usage = await engineUsage(context, engineId).catch(() => null);
    if (!usage?.deltaAccounting) enginesWithoutDelta.push(engineId);
  }
  return {
    nodes,
    maxOwnBytes: Math.max(0, ...environments.map((environment) => environment.ownBytes ?? 0)),
    enginesWithoutDelta,
    busy: environments.some((environment) => ['provisioning', 'resetting', 'restoring', 'dropping'].includes(environment.status)),
  };
}
