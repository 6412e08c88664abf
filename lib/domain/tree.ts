import { creatorMay, isAdminActor } from './access';
import type { Actor } from './actor';
import type { DomainContext } from './context';
import { type EnvironmentPermissions, environmentPermissionsFor, NO_PERMISSIONS } from './environments/permissions';
import { listEnvironmentRecords, listSnapshots } from './environments/queries';
import type { EnvironmentView, SnapshotView } from './environments/views';
import { getSettings } from './settings';
import { environmentNodeId, Lineage, snapshotNodeId } from './tree-lineage';
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
      /**
       * Set for a snapshot that was dropped while clones of it live on: it is drawn, marked,
       * so they keep their lineage. Says whether the database it was taken of still lives.
       */
      dropped: { databaseLive: boolean } | null;
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

/**
 * The family tree the overview draws: production → its snapshots → clones (clones of
 * clones nested). Reset points are left out (they belong to their environment's page).
 * Dropped parents do not cut the lineage (`tree-lineage.ts`): a clone whose source snapshot
 * was dropped hangs under that snapshot, drawn as dropped.
 */
export async function buildOverviewTree(context: DomainContext, actor: Actor): Promise<OverviewTree> {
  const [records, allSnapshots, canProvision] = await Promise.all([
    listEnvironmentRecords(context, actor),
    listSnapshots(context, actor),
    mayProvisionSomewhere(context, actor),
  ]);
  const environments = records.map((record) => record.view);
  const snapshots = allSnapshots.filter((snapshot) => !snapshot.resetPointOf);
  const lineage = new Lineage(context, environments, new Set(snapshots.map((snapshot) => snapshot.id)));
  const liveByName = new Map(environments.map((environment) => [`${environment.engineId}/${environment.name}`, environment]));
  const origins = environments.map((environment) => ({
    engineId: environment.engineId,
    database: environment.sourceDatabase,
    snapshotId: environment.sourceSnapshot?.id ?? null,
    before: new Date(environment.createdAt),
  }));
  const [permissions, enginesWithoutDelta] = await Promise.all([
    environmentPermissionsFor(
      context,
      actor,
      records.map((record) => record.row),
    ),
    enginesWithoutDeltas(context, environments),
    lineage.preload([
      ...origins,
      ...snapshots.map((snapshot) => ({ engineId: snapshot.engineId, database: snapshot.database, snapshotId: null })),
    ]),
  ]);
  const environmentNodes = await Promise.all(
    environments.map(async (environment, index): Promise<TreeNode> => ({
      id: environmentNodeId(environment.id),
      kind: 'environment',
      parentId: await lineage.parentOf(origins[index]!),
      environment,
      permissions: permissions[index] ?? NO_PERMISSIONS,
    })),
  );
  const snapshotNodes = await Promise.all(
    snapshots.map(async (snapshot): Promise<TreeNode> => ({
      id: snapshotNodeId(snapshot.id),
      kind: 'snapshot',
      parentId: await lineage.parentOfDatabase(snapshot.engineId, snapshot.database, new Date(snapshot.createdAt)),
      snapshot,
      environmentId: snapshot.database ? (liveByName.get(`${snapshot.engineId}/${snapshot.database}`)?.id ?? null) : null,
      dropped: null,
    })),
  );
  const droppedNodes = [...lineage.dropped.values()].map((ghost): TreeNode => ({
    id: ghost.id,
    kind: 'snapshot',
    parentId: ghost.parentId,
    snapshot: ghost.snapshot,
    environmentId: ghost.databaseLive ? (liveByName.get(`${ghost.snapshot.engineId}/${ghost.snapshot.database}`)?.id ?? null) : null,
    dropped: { databaseLive: ghost.databaseLive },
  }));
  return {
    nodes: [...environmentNodes, ...snapshotNodes, ...droppedNodes],
    maxOwnBytes: Math.max(0, ...environments.map((environment) => environment.ownBytes ?? 0)),
    enginesWithoutDelta,
    busy: environments.some((environment) => isBusy(environment.status)),
    canProvision,
  };
}

/** The tree with what the client needs to draw it alike on the server and in the browser. */
export async function getOverviewData(context: DomainContext, actor: Actor): Promise<OverviewData> {
  const [tree, settings] = await Promise.all([buildOverviewTree(context, actor), getSettings(context)]);
  return { tree, expiryWarningHours: settings.expiryWarningHours, generatedAt: context.now().toISOString() };
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
