import type { DomainFixture } from '@/lib/domain/testing/fixture';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { EnvironmentStatus } from '@/lib/generated/prisma/enums';

/** Team scale, as the issue states it: live rows once the dropped ones are set aside. */
export const LIVE_ENVIRONMENTS = 500;
export const LIVE_SNAPSHOTS = 100;
const DROPPED_ENVIRONMENTS = 25;
const DROPPED_SNAPSHOTS = 5;

/** A small deterministic generator, so every run seeds the same tree. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const STATUSES: EnvironmentStatus[] = [
  'ready',
  'ready',
  'ready',
  'ready',
  'ready',
  'ready',
  'provisioning',
  'failed',
  'missing',
  'resetting',
];

interface SeededDatabase {
  name: string;
  teamId: string | null;
  createdAt: Date;
}

/**
 * Writes environment and snapshot rows straight into the metadata database (the engine holds
 * production only: the tree reads the metadata, and sizes for databases the engine does not
 * report are left empty, as for an engine mid-measurement). Every fifth environment is cloned
 * from a snapshot, the rest from an earlier environment as it is now; a snapshot is taken after
 * every fifth environment. Then some parents and snapshots are dropped while their clones live on.
 */
export async function seedTeamScaleTree(fixture: DomainFixture) {
  const random = seededRandom(14);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const { prisma, production, teams } = fixture;
  const teamIds = [teams.qa.id, teams['data-science'].id, teams.dev.id];
  const start = Date.now() - 30 * 24 * 3_600_000;
  const databases: SeededDatabase[] = [{ name: 'production', teamId: null, createdAt: production.createdAt }];
  const environments: Prisma.EnvironmentCreateManyInput[] = [];
  const snapshots: Array<{ id: string; name: string; database: string; teamId: string | null; createdAt: Date }> = [];
  const total = LIVE_ENVIRONMENTS + DROPPED_ENVIRONMENTS;
  for (let index = 0; index < total; index++) {
    const createdAt = new Date(start + index * 60_000);
    const teamId = teamIds[index % teamIds.length]!;
    const name = `${['qa', 'ds', 'dev'][index % 3]}_env_${String(index).padStart(3, '0')}`;
    const fromSnapshot = index % 5 === 0 && snapshots.length > 0 ? pick(snapshots) : null;
    const source = fromSnapshot ? null : pick(databases);
    environments.push({
      id: `bench_env_${index}`,
      name,
      engineId: production.engineId,
      teamId,
      purpose: `bench ${index}`,
      createdById: production.createdById,
      createdAt,
      expiresAt: new Date(Date.now() + (1 + (index % 14)) * 24 * 3_600_000),
      sourceDatabase: fromSnapshot?.database ?? source!.name,
      sourceSnapshotId: fromSnapshot?.id ?? null,
      status: pick(STATUSES),
    });
    databases.push({ name, teamId, createdAt });
    if (index % 5 === 4) {
      const of = pick(databases);
      const snapshotIndex = snapshots.length;
      snapshots.push({
        id: `bench_snap_${snapshotIndex}`,
        name: `snap_${String(snapshotIndex).padStart(3, '0')}`,
        database: of.name,
        teamId: of.teamId,
        createdAt: new Date(createdAt.getTime() + 30_000),
      });
    }
  }
  const extraSnapshots = snapshots.length - LIVE_SNAPSHOTS;
  if (extraSnapshots !== DROPPED_SNAPSHOTS)
    throw new Error(`expected ${DROPPED_SNAPSHOTS} snapshots to drop, seeded ${extraSnapshots} extra`);
  await prisma.snapshot.createMany({
    data: snapshots.map((snapshot) => ({ ...snapshot, engineId: production.engineId, level: 'database', purpose: 'bench point' })),
  });
  await prisma.environment.createMany({ data: environments });
  const parents = new Set(environments.map((environment) => environment.sourceDatabase));
  const droppedEnvironments = environments.filter((environment) => parents.has(environment.name)).slice(0, DROPPED_ENVIRONMENTS);
  const now = new Date();
  await prisma.environment.updateMany({
    where: { id: { in: droppedEnvironments.map((environment) => environment.id!) } },
    data: { droppedAt: now, status: 'dropped' },
  });
  const cloned = new Set(environments.map((environment) => environment.sourceSnapshotId));
  const droppedSnapshots = snapshots.filter((snapshot) => cloned.has(snapshot.id)).slice(0, DROPPED_SNAPSHOTS);
  await prisma.snapshot.updateMany({ where: { id: { in: droppedSnapshots.map((snapshot) => snapshot.id) } }, data: { droppedAt: now } });
  const liveEnvironments = await prisma.environment.count({ where: { droppedAt: null } });
  const liveSnapshots = await prisma.snapshot.count({ where: { droppedAt: null } });
  return { liveEnvironments, liveSnapshots, dropped: droppedEnvironments.length + droppedSnapshots.length };
}
