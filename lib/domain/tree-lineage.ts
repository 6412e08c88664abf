import type { Environment, Snapshot } from '@/lib/generated/prisma/client';
import type { DomainContext } from './context';
import { type EnvironmentView, type SnapshotView, toSnapshotView } from './environments/views';

/** A snapshot that was dropped while clones of it live on: drawn, marked, so they keep their lineage. */
export interface DroppedSnapshotNode {
  id: string;
  snapshot: SnapshotView;
  /** Where it hangs: the nearest ancestor still in the tree (or another dropped snapshot). */
  parentId: string | null;
  /** Whether the database it was taken of is still a live environment. */
  databaseLive: boolean;
}

/** Where a clone came from, as the environment and snapshot records say. */
interface Origin {
  engineId: string;
  database: string | null;
  snapshotId: string | null;
  /** The child's creation: a same-named environment created later is not its parent. */
  before: Date;
}

type Source = Pick<Origin, 'engineId' | 'database' | 'snapshotId'>;

export const environmentNodeId = (id: string) => `env:${id}`;
export const snapshotNodeId = (id: string) => `snap:${id}`;

/** Bounds the walk through dropped records (a chain of drops deeper than this is drawn from where it stops). */
const MAX_DEPTH = 32;

/**
 * Resolves parents through dropped records, so a clone whose parent environment (and the
 * snapshot it was cloned from) were dropped still hangs where it came from: under its source
 * snapshot, drawn as dropped, under the dropped environment's own parent. This is the lineage
 * the environment's page states ("cloned from snapshot … of X"). A clone made "now" from an
 * environment since dropped hangs under that environment's nearest surviving ancestor.
 */
export class Lineage {
  readonly dropped = new Map<string, DroppedSnapshotNode>();
  private readonly liveByName: Map<string, EnvironmentView>;
  private readonly snapshotRows = new Map<string, Snapshot | null>();
  private readonly droppedEnvironments = new Map<string, Environment[]>();

  constructor(
    private readonly context: DomainContext,
    environments: readonly EnvironmentView[],
    private readonly visibleSnapshots: ReadonlySet<string>,
  ) {
    this.liveByName = new Map(environments.map((environment) => [`${environment.engineId}/${environment.name}`, environment]));
  }

  /**
   * Reads the dropped records the walk from these sources will meet, a level of dropped
   * ancestry per round, in two queries a round instead of one per node: a team-scale tree has
   * hundreds of nodes. The walk itself then reads nothing more.
   */
  async preload(sources: readonly Source[]): Promise<void> {
    let pending = sources;
    for (let depth = 0; depth <= MAX_DEPTH && pending.length > 0; depth++) {
      const snapshotIds = [...new Set(pending.flatMap((source) => source.snapshotId ?? []))].filter(
        (id) => !this.visibleSnapshots.has(id) && !this.snapshotRows.has(id),
      );
      const names = [...new Set(pending.flatMap((source) => (source.database ? [`${source.engineId}/${source.database}`] : [])))].filter(
        (key) => !this.droppedEnvironments.has(key),
      );
      const [snapshots, environments] = await Promise.all([this.readSnapshots(snapshotIds), this.readDroppedEnvironments(names)]);
      for (const id of snapshotIds) this.snapshotRows.set(id, null);
      for (const row of snapshots) this.snapshotRows.set(row.id, row);
      for (const key of names) this.droppedEnvironments.set(key, []);
      for (const row of environments) this.droppedEnvironments.get(`${row.engineId}/${row.name}`)?.push(row);
      pending = [
        ...snapshots.filter((row) => row.droppedAt).map((row) => ({ engineId: row.engineId, database: row.database, snapshotId: null })),
        ...environments.map((row) => ({ engineId: row.engineId, database: row.sourceDatabase, snapshotId: row.sourceSnapshotId })),
      ];
    }
  }

  private async readSnapshots(ids: string[]): Promise<Snapshot[]> {
    return ids.length === 0 ? [] : this.context.prisma.snapshot.findMany({ where: { id: { in: ids } } });
  }

  /** Dropped environments of these `engine/name` keys, newest first (the order `droppedEnvironment` expects). */
  private async readDroppedEnvironments(keys: string[]): Promise<Environment[]> {
    if (keys.length === 0) return [];
    const byEngine = new Map<string, string[]>();
    for (const key of keys) {
      const slash = key.indexOf('/');
      byEngine.set(key.slice(0, slash), [...(byEngine.get(key.slice(0, slash)) ?? []), key.slice(slash + 1)]);
    }
    return this.context.prisma.environment.findMany({
      where: { droppedAt: { not: null }, OR: [...byEngine].map(([engineId, names]) => ({ engineId, name: { in: names } })) },
      orderBy: { createdAt: 'desc' },
    });
  }

  /** The node a clone with this origin hangs under, or null for a root. */
  async parentOf(origin: Origin, depth = 0): Promise<string | null> {
    if (depth > MAX_DEPTH) return null;
    if (origin.snapshotId) {
      if (this.visibleSnapshots.has(origin.snapshotId)) return snapshotNodeId(origin.snapshotId);
      const ghost = await this.droppedSnapshot(origin.snapshotId, depth);
      if (ghost) return ghost.id;
    }
    return this.parentOfDatabase(origin.engineId, origin.database, origin.before, depth);
  }

  /** The environment a database name stood for at `before`: live, or through the dropped record to its own parent. */
  async parentOfDatabase(engineId: string, database: string | null, before: Date, depth = 0): Promise<string | null> {
    if (!database) return null;
    const live = this.liveByName.get(`${engineId}/${database}`);
    if (live && Date.parse(live.createdAt) <= before.getTime()) return environmentNodeId(live.id);
    const gone = await this.droppedEnvironment(engineId, database, before);
    if (!gone) return live ? environmentNodeId(live.id) : null;
    return this.parentOf({ engineId, database: gone.sourceDatabase, snapshotId: gone.sourceSnapshotId, before: gone.createdAt }, depth + 1);
  }

  private async droppedSnapshot(snapshotId: string, depth: number): Promise<DroppedSnapshotNode | null> {
    const id = snapshotNodeId(snapshotId);
    const known = this.dropped.get(id);
    if (known) return known;
    const row = await this.snapshotRow(snapshotId);
    if (!row?.droppedAt) return null;
    const live = row.database ? this.liveByName.get(`${row.engineId}/${row.database}`) : undefined;
    const databaseLive = live !== undefined && Date.parse(live.createdAt) <= row.createdAt.getTime();
    const node: DroppedSnapshotNode = {
      id,
      snapshot: toSnapshotView(row, { createdBy: null, pinnedBy: null, resetPointOf: null, freedIfDroppedBytes: null }),
      parentId: null,
      databaseLive,
    };
    this.dropped.set(id, node);
    node.parentId = await this.parentOfDatabase(row.engineId, row.database, row.createdAt, depth + 1);
    return node;
  }

  private async snapshotRow(snapshotId: string): Promise<Snapshot | null> {
    if (!this.snapshotRows.has(snapshotId)) {
      this.snapshotRows.set(snapshotId, await this.context.prisma.snapshot.findUnique({ where: { id: snapshotId } }));
    }
    return this.snapshotRows.get(snapshotId) ?? null;
  }

  /** The newest dropped environment of that name created no later than `before`. */
  private async droppedEnvironment(engineId: string, name: string, before: Date): Promise<Environment | null> {
    const key = `${engineId}/${name}`;
    let rows = this.droppedEnvironments.get(key);
    if (!rows) {
      rows = await this.context.prisma.environment.findMany({
        where: { engineId, name, droppedAt: { not: null } },
        orderBy: { createdAt: 'desc' },
      });
      this.droppedEnvironments.set(key, rows);
    }
    return rows.find((row) => row.createdAt <= before) ?? null;
  }
}
