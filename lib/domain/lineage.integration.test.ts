import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Environment } from '@/lib/generated/prisma/client';
import { dropEnvironment } from './environments/lifecycle';
import { provisionEnvironment } from './environments/provision';
import { createSnapshot } from './snapshots';
import { getStorageReport } from './storage';
import { createDomainFixture, type DomainFixture } from './testing/fixture';
import { buildOverviewTree, type TreeNode } from './tree';

/**
 * The walk: clone production, change rows, snapshot the clone, clone the snapshot,
 * drop the first clone. The grandchild keeps its lineage in the tree, and the storage
 * figures follow the drop: the data the dropped parent and snapshot shared with it is now
 * its own, and dropping it gives back at least that.
 */
let fixture: DomainFixture;
let parent: Environment;
let grandchild: Environment;

beforeAll(async () => {
  fixture = await createDomainFixture();
  const { context, actors, teams, production } = fixture;
  const provision = (name: string, source: object) =>
    provisionEnvironment(context, actors.leadQa, { teamId: teams.qa.id, name, purpose: 'lineage test', source }, { wait: true });
  parent = await provision('walk_qa', { kind: 'environment', environmentId: production.id });
  await fixture.engine.query('walk_qa', "UPDATE user_behavior SET action = action || '_seen', price = price * 2");
  await createSnapshot(context, actors.leadQa, { environmentId: parent.id, name: 'walk_qa_checked', purpose: 'checked rows' });
  const snapshot = await fixture.prisma.snapshot.findFirstOrThrow({ where: { name: 'walk_qa_checked' } });
  grandchild = await provision('walk_qa_rerun', { kind: 'snapshot', snapshotId: snapshot.id });
});
afterAll(async () => {
  await fixture?.close();
});

const named = (nodes: TreeNode[]) =>
  new Map(nodes.map((node) => [node.kind === 'environment' ? node.environment.name : node.snapshot.name, node]));

async function storageOf(name: string) {
  const report = await getStorageReport(fixture.context, fixture.actors.admin);
  return report.engines[0]!.environments.find((environment) => environment.name === name)!;
}

describe('lineage and figures after a parent is dropped', () => {
  it('draws production → walk_qa → its snapshot → the grandchild while all live', async () => {
    const nodes = named((await buildOverviewTree(fixture.context, fixture.actors.admin)).nodes);
    expect(nodes.get('walk_qa_checked')?.parentId).toBe(nodes.get('walk_qa')?.id);
    expect(nodes.get('walk_qa_rerun')?.parentId).toBe(nodes.get('walk_qa_checked')?.id);
  });

  it('keeps the grandchild under the dropped snapshot, itself under production, once walk_qa is dropped', async () => {
    const before = await storageOf('walk_qa_rerun');
    await dropEnvironment(fixture.context, fixture.actors.leadQa, parent.id);
    const tree = await buildOverviewTree(fixture.context, fixture.actors.admin);
    const nodes = named(tree.nodes);
    expect(nodes.has('walk_qa')).toBe(false);
    const ghost = nodes.get('walk_qa_checked');
    expect(ghost).toMatchObject({ kind: 'snapshot', parentId: nodes.get('production')?.id, dropped: { databaseLive: false } });
    expect(nodes.get('walk_qa_rerun')?.parentId).toBe(ghost?.id);

    // The figures follow at once: what walk_qa and its snapshot shared with the grandchild is now
    // its alone, and dropping it gives back exactly the predicted figure.
    const after = await storageOf('walk_qa_rerun');
    expect(after.freedIfDroppedBytes! - before.freedIfDroppedBytes!).toBeGreaterThan(64 * 1024);
    const freed = await dropEnvironment(fixture.context, fixture.actors.leadQa, grandchild.id);
    expect(freed.freedBytes).toBe(after.freedIfDroppedBytes);
  });

  it('shows a member of another team nothing of the QA lineage', async () => {
    const nodes = named((await buildOverviewTree(fixture.context, fixture.actors.leadDev)).nodes);
    expect([...nodes.keys()]).toEqual(['production']);
  });
});
