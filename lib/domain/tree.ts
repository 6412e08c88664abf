import { creatorMay, isAdminActor } from './access';
import type { Actor } from './actor';
import type { DomainContext } from './context';
import { type EnvironmentPermissions, environmentPermissionsFor } from './environments/permissions';
import { listEnvironments, listSnapshots } from './environments/queries';
import type { EnvironmentView, SnapshotView } from './environments/views';
import { getSettings } from './settings';
import { engineUsage } from './usage';
import { isBusy } from './environments/status';

export type TreeNode =
  | {
      id: string;
      kind: 'environment';
      parentId: string | null;
      environment: EnvironmentView;
      /** What the viewer may do to it, so the node shows only buttons that work. */
      permissions: EnvironmentPermissions;
    }
  | {
      id: string;
      kind: 'snapshot';
      parentId: string | null;
      snapshot: SnapshotView;
      /** The environment whose database the snapshot was taken of, when the viewer can see it. */
      environmentId: string | null;
    };

export type EnvironmentTreeNode = Extract<TreeNode, { kind: 'environment' }>;
export type SnapshotTreeNode = Extract<TreeNode, { kind: 'snapshot' }>;

export interface OverviewTree {
  nodes: TreeNode[];
  /** Largest own (delta) bytes among the environments, to scale the delta bars. */
  maxOwnBytes: number;
  /** Engines that do not report per-clone deltas (the UI says so instead of showing a number). */
  enginesWithoutDelta: string[];
  /** True while something is provisioning, resetting, restoring or dropping: the client polls faster. */
  busy: boolean;
  /** The viewer may provision an environment for some team (admin, or lead of a team). */
  canProvision: boolean;
}

/** What the overview page and its polling endpoint serve. */
export interface OverviewData {
  tree: OverviewTree;
  /** Hours before expiry an environment counts as expiring soon (the warning window). */
  expiryWarningHours: number;
  /** When the server read the tree (the client's clock starts from it, so both render alike). */
  generatedAt: string;
}

/** For a record that vanished between two reads (dropped meanwhile): offer nothing. */
const NO_PERMISSIONS: EnvironmentPermissions = {
  reset: false,
  snapshot: false,
  restore: false,
  extend: false,
  protect: false,
  drop: false,
  write: false,
  connect: false,
  rotate: false,
  sessions: false,
  endSession: false,
  dropBlockedReason: null,
};
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
  const environmentOf = (engineId: string, database: string | null) =>
    database ? environmentByName.get(`${engineId}/${database}`) : undefined;
  const parentOfDatabase = (engineId: string, database: string | null) => {
    const parent = environmentOf(engineId, database);
    return parent ? envNode(parent.id) : null;
  };
  const permissions = await permissionsById(context, actor, environments);
  const nodes: TreeNode[] = [
    ...environments.map((environment): TreeNode => {
      const fromSnapshot = environment.sourceSnapshot && visibleSnapshots.has(environment.sourceSnapshot.id);
      return {
        id: envNode(environment.id),
        kind: 'environment',
        parentId: fromSnapshot
          ? snapNode(environment.sourceSnapshot!.id)
          : parentOfDatabase(environment.engineId, environment.sourceDatabase),
        environment,
        permissions: permissions.get(environment.id) ?? NO_PERMISSIONS,
      };
    }),
    ...snapshots.map((snapshot): TreeNode => ({
      id: snapNode(snapshot.id),
      kind: 'snapshot',
      parentId: parentOfDatabase(snapshot.engineId, snapshot.database),
      snapshot,
      environmentId: environmentOf(snapshot.engineId, snapshot.database)?.id ?? null,
    })),
  ];
  return {
    nodes,
    maxOwnBytes: Math.max(0, ...environments.map((environment) => environment.ownBytes ?? 0)),
    enginesWithoutDelta: await enginesWithoutDeltas(context, environments),
    busy: environments.some((environment) => isBusy(environment.status)),
    canProvision: await mayProvisionSomewhere(context, actor),
  };
}

/** The tree with what the client needs to draw it alike on the server and in the browser. */
export async function getOverviewData(context: DomainContext, actor: Actor): Promise<OverviewData> {
  const [tree, settings] = await Promise.all([buildOverviewTree(context, actor), getSettings(context)]);
  return { tree, expiryWarningHours: settings.expiryWarningHours, generatedAt: context.now().toISOString() };
}

async function permissionsById(context: DomainContext, actor: Actor, environments: EnvironmentView[]) {
  const rows = await context.prisma.environment.findMany({ where: { id: { in: environments.map((environment) => environment.id) } } });
  const permissions = await environmentPermissionsFor(context, actor, rows);
  return new Map(rows.map((row, index) => [row.id, permissions[index]!] as const));
}

async function enginesWithoutDeltas(context: DomainContext, environments: EnvironmentView[]): Promise<string[]> {
  const engineIds = [...new Set(environments.map((environment) => environment.engineId))];
  const reports = await Promise.all(engineIds.map((engineId) => engineUsage(context, engineId).catch(() => null)));
  return engineIds.filter((_, index) => !reports[index]?.deltaAccounting);
}

async function mayProvisionSomewhere(context: DomainContext, actor: Actor): Promise<boolean> {
  if (await isAdminActor(context, actor)) return true;
  if (actor.kind === 'token') return actor.permissions.includes('provision') && creatorMay(actor.creator, actor.teamId, 'provision');
  if (actor.kind !== 'user') return false;
  return (await context.prisma.membership.count({ where: { userId: actor.userId, role: 'lead' } })) > 0;
}
