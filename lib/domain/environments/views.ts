import type { DatabaseUsage } from '@/lib/engines/types';
import type { Environment, Snapshot, Team, User } from '@/lib/generated/prisma/client';

/** An environment as pages and the API show it: plain JSON-safe values. */
export interface EnvironmentView {
  id: string;
  name: string;
  engineId: string;
  team: { id: string; name: string; displayName: string } | null;
  purpose: string;
  createdBy: { id: string; email: string; name: string };
  createdAt: string;
  expiresAt: string | null;
  isProduction: boolean;
  protected: boolean;
  protectedUntil: string | null;
  status: Environment['status'];
  statusMessage: string | null;
  lastError: string | null;
  sourceDatabase: string | null;
  sourceSnapshot: { id: string; name: string } | null;
  baseSnapshotId: string | null;
  logicalBytes: number | null;
  ownBytes: number | null;
  /** What dropping it (with its snapshots) gives back now; null where the engine cannot tell. */
  freedIfDroppedBytes: number | null;
  /** Bytes kept only because of its snapshots; null where the engine cannot tell. */
  pinnedBytes: number | null;
}

export interface SnapshotView {
  id: string;
  name: string;
  engineId: string;
  level: Snapshot['level'];
  database: string | null;
  table: string | null;
  teamId: string | null;
  purpose: string;
  createdBy: string | null;
  createdAt: string;
  /** Databases standing on it (clones, and its own database while it lives); null where the engine cannot tell. */
  pinnedBy: string[] | null;
  /** The environment it resets, when it is a reset point. */
  resetPointOf: string | null;
  /** What dropping it alone gives back now; null where the engine cannot tell. */
  freedIfDroppedBytes: number | null;
}

/** A snapshot row as a view; what stands on it and who took it come from elsewhere. */
export function toSnapshotView(
  row: Snapshot,
  extra: Pick<SnapshotView, 'createdBy' | 'pinnedBy' | 'resetPointOf' | 'freedIfDroppedBytes'>,
): SnapshotView {
  return {
    id: row.id,
    name: row.name,
    engineId: row.engineId,
    level: row.level,
    database: row.database,
    table: row.table,
    teamId: row.teamId,
    purpose: row.purpose,
    createdAt: row.createdAt.toISOString(),
    ...extra,
  };
}

export type EnvironmentRow = Environment & {
  team: Pick<Team, 'id' | 'name' | 'displayName'> | null;
  createdBy: Pick<User, 'id' | 'email' | 'name'>;
  sourceSnapshot: Pick<Snapshot, 'id' | 'name'> | null;
};

export const ENVIRONMENT_INCLUDE = {
  team: { select: { id: true, name: true, displayName: true } },
  createdBy: { select: { id: true, email: true, name: true } },
  sourceSnapshot: { select: { id: true, name: true } },
} as const;

export function toEnvironmentView(row: EnvironmentRow, now: Date, usage?: DatabaseUsage): EnvironmentView {
  const protectedNow = row.isProduction || row.isProtected || (row.protectedUntil !== null && row.protectedUntil > now);
  return {
    id: row.id,
    name: row.name,
    engineId: row.engineId,
    team: row.team,
    purpose: row.purpose,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    isProduction: row.isProduction,
    protected: protectedNow,
    protectedUntil: row.protectedUntil?.toISOString() ?? null,
    status: row.status,
    statusMessage: row.statusMessage,
    lastError: row.lastError,
    sourceDatabase: row.sourceDatabase,
    sourceSnapshot: row.sourceSnapshot,
    baseSnapshotId: row.baseSnapshotId,
    logicalBytes: usage?.logicalBytes ?? null,
    ownBytes: usage?.ownBytes ?? null,
    freedIfDroppedBytes: usage?.freedIfDroppedBytes ?? null,
    pinnedBytes: usage?.pinnedBytes ?? null,
  };
}
