import { NO_PERMISSIONS, type EnvironmentPermissions } from '@/lib/domain/environments/permissions';
import type { EnvironmentView, SnapshotView } from '@/lib/domain/environments/views';
import type { TreeNode } from '@/lib/domain/tree';

/** Tree nodes for the tree's unit tests: ready, teamless, created at the given minute of 2026-01-01. */
const PERMISSIONS: EnvironmentPermissions = { ...NO_PERMISSIONS, connect: true };

export function environment(id: string, parentId: string | null, minute: number, extra: Partial<EnvironmentView> = {}): TreeNode {
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

export function snapshot(id: string, parentId: string, minute: number, extra: Partial<SnapshotView> = {}): TreeNode {
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
      ...extra,
    },
  };
}
