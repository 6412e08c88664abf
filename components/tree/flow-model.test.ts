import { NO_PERMISSIONS, type EnvironmentPermissions } from '@/lib/domain/environments/permissions';
import { describe, expect, it } from 'vitest';
import type { EnvironmentView } from '@/lib/domain/environments/views';
import type { TreeNode } from '@/lib/domain/tree';
import { toFlow } from './flow-model';

const PERMISSIONS: EnvironmentPermissions = { ...NO_PERMISSIONS, connect: true };

function environment(id: string, parentId: string | null, minute: number, extra: Partial<EnvironmentView> = {}): TreeNode {
  const view: EnvironmentView = {
    id,
    name: id,
    engineId: 'embedded',
    team: null,
    purpose: 'test',
    createdBy: { id: 'u', email: 'u@x', name: 'U' },
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
    expiresAt: null,
    isProduction: false,
    protected: false,
    protectedUntil: null,
    status: 'ready',
    statusMessage: null,
    lastError: null,
    sourceDatabase: null,
    sourceSnapshot: null,
    baseSnapshotId: null,
    logicalBytes: 100,
    ownBytes: 10,
    freedIfDroppedBytes: 10,
    pinnedBytes: 0,
    ...extra,
  };
  return { id: `env:${id}`, kind: 'environment', parentId, environment: view, permissions: PERMISSIONS };
}

function snapshot(id: string, parentId: string, minute: number): TreeNode {
  return {
    id: `snap:${id}`,
    kind: 'snapshot',
    parentId,
    environmentId: null,
    dropped: null,
    snapshot: {
      id,
      name: id,
      engineId: 'embedded',
      level: 'database',
      database: 'production',
      table: null,
      teamId: null,
      purpose: 'p',
      createdBy: null,
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
      pinnedBy: [],
      resetPointOf: null,
      freedIfDroppedBytes: null,
    },
  };
}

describe('toFlow', () => {
  const nodes = [
    environment('production', null, 0, { isProduction: true }),
    snapshot('daily', 'env:production', 1),
    environment('tt', 'snap:daily', 2),
    environment('qa', 'env:production', 3, { status: 'provisioning' }),
  ];

  it('types each node and draws one edge per visible parent, animated while the child provisions', () => {
    const flow = toFlow(nodes);
    expect(flow.nodes.map((node) => [node.id, node.type])).toEqual([
      ['env:production', 'environment'],
      ['snap:daily', 'snapshot'],
      ['env:tt', 'environment'],
      ['env:qa', 'environment'],
    ]);
    expect(flow.edges.map((edge) => [edge.source, edge.target, edge.animated])).toEqual([
      ['env:production', 'snap:daily', false],
      ['snap:daily', 'env:tt', false],
      ['env:production', 'env:qa', true],
    ]);
  });

  it('puts production in the first column and its children one column on', () => {
    const flow = toFlow(nodes);
    const x = (id: string) => flow.nodes.find((node) => node.id === id)?.position.x;
    expect(x('env:production')).toBe(0);
    expect(x('snap:daily')).toBe(x('env:qa'));
    expect(x('env:tt')).toBeGreaterThan(x('snap:daily')!);
    expect(flow.height).toBeGreaterThan(0);
  });

  it('draws no edge to a parent the viewer cannot see', () => {
    const flow = toFlow([environment('qa_nested', 'env:hidden', 0)]);
    expect(flow.edges).toEqual([]);
    expect(flow.nodes).toHaveLength(1);
  });
});
