import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionEnvironment } from './environments/provision';
import { createSnapshot } from './snapshots';
import { createDomainFixture, type DomainFixture } from './testing/fixture';
import { buildOverviewTree, getOverviewData, type TreeNode } from './tree';
import { listUnmanagedDatabases } from './unmanaged';

let fixture: DomainFixture;

beforeAll(async () => {
  fixture = await createDomainFixture();
  const { context, actors, teams, production } = fixture;
  const fromEnvironment = (environmentId: string) => ({ kind: 'environment', environmentId });
  const provision = (actor: keyof DomainFixture['actors'], team: keyof DomainFixture['teams'], name: string, source: object) =>
    provisionEnvironment(context, actors[actor], { teamId: teams[team].id, name, purpose: 'tree test', source }, { wait: true });
  await createSnapshot(context, actors.admin, { environmentId: production.id, name: 'prod_daily', purpose: 'nightly point' });
  const snapshot = await fixture.prisma.snapshot.findFirstOrThrow({ where: { name: 'prod_daily' } });
  const qa = await provision('leadQa', 'qa', 'qa_clone', fromEnvironment(production.id));
  await provision('leadQa', 'qa', 'qa_nested', fromEnvironment(qa.id));
  await provision('leadDs', 'data-science', 'ds_history', { kind: 'snapshot', snapshotId: snapshot.id });
});
afterAll(async () => {
  await fixture?.close();
});

function byName(nodes: TreeNode[]) {
  return new Map(nodes.map((node) => [node.kind === 'environment' ? node.environment.name : node.snapshot.name, node]));
}

describe('buildOverviewTree', () => {
  it('links production → snapshot → clone, and clones of clones, for an admin', async () => {
    const tree = await buildOverviewTree(fixture.context, fixture.actors.admin);
    const nodes = byName(tree.nodes);
    const id = (name: string) => nodes.get(name)!.id;
    expect(nodes.get('production')!.parentId).toBeNull();
    expect(nodes.get('prod_daily')!.parentId).toBe(id('production'));
    expect(nodes.get('ds_history')!.parentId).toBe(id('prod_daily'));
    expect(nodes.get('qa_clone')!.parentId).toBe(id('production'));
    expect(nodes.get('qa_nested')!.parentId).toBe(id('qa_clone'));
    const snapshot = nodes.get('prod_daily');
    expect(snapshot?.kind === 'snapshot' && snapshot.environmentId).toBe(fixture.production.id);
    expect(tree.canProvision).toBe(true);
    expect(tree.enginesWithoutDelta).toEqual([]);
    expect(tree.busy).toBe(false);
  });

  it('gives each environment the viewer’s permissions: a member may reset but not drop', async () => {
    const tree = await buildOverviewTree(fixture.context, fixture.actors.qa);
    const nodes = byName(tree.nodes);
    expect([...nodes.keys()].sort()).toEqual(['prod_daily', 'production', 'qa_clone', 'qa_nested']);
    const qaClone = nodes.get('qa_clone');
    expect(qaClone?.kind === 'environment' && qaClone.permissions).toMatchObject({ reset: true, drop: false });
    const production = nodes.get('production');
    expect(production?.kind === 'environment' && production.permissions).toMatchObject({ reset: false, drop: false });
    expect(tree.canProvision).toBe(false);
  });

  it('lets the team lead drop their clone, never production', async () => {
    const nodes = byName((await buildOverviewTree(fixture.context, fixture.actors.leadQa)).nodes);
    const qaClone = nodes.get('qa_clone');
    const production = nodes.get('production');
    expect(qaClone?.kind === 'environment' && qaClone.permissions.drop).toBe(true);
    expect(production?.kind === 'environment' && production.permissions.drop).toBe(false);
  });

  it('serves the expiry warning window with the tree', async () => {
    const data = await getOverviewData(fixture.context, fixture.actors.admin);
    expect(data.expiryWarningHours).toBe(24);
    expect(Number.isNaN(Date.parse(data.generatedAt))).toBe(false);
  });
});

describe('listUnmanagedDatabases', () => {
  it('lists databases no live environment describes, except restore leftovers', async () => {
    await fixture.engine.createDatabase('made_by_hand');
    await fixture.engine.createDatabase('qa_clone_verify_1');
    expect(await listUnmanagedDatabases(fixture.context)).toEqual([{ engineId: 'embedded', database: 'made_by_hand' }]);
  });
});
