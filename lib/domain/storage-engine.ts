import type { DatabaseUsage, StorageUsage } from '@/lib/engines/types';
import type { Environment, Team } from '@/lib/generated/prisma/client';
import { sumHeldBytes } from './storage-sums';
import type { EngineStorageReport, EnvironmentStorage, StorageTotals, TeamStorage } from './storage-types';

export type StorageScope = { kind: 'all' } | { kind: 'teams'; teamIds: string[] };

export interface EngineReportInput {
  engineId: string;
  label: string;
  /** Null when the engine could not be measured. */
  usage: StorageUsage | null;
  unavailableMessage: string | null;
  /** The teams in scope, and the live environments and snapshots of this engine in scope. */
  teams: Team[];
  environments: Environment[];
  snapshots: Array<{ name: string; database: string | null; teamId: string | null }>;
  lastActivity: Map<string, Date>;
  now: Date;
  idleAfterDays: number;
  scope: StorageScope;
}

const TOP_COUNT = 5;
const CLEANUP_COUNT = 10;
const DAY_MS = 24 * 60 * 60 * 1000;
export const ORGANISATION = { name: 'organisation', displayName: 'Organisation (production)' } as const;

/** One engine's report from one usage measurement and the metadata rows in the viewer's scope. */
export function buildEngineReport(input: EngineReportInput): EngineStorageReport {
  const { usage } = input;
  const delta = usage?.deltaAccounting ?? false;
  const databases = new Map(usage?.databases.map((database) => [database.database, database]) ?? []);
  const environments = input.environments
    .map((environment) => environmentStorage(input, environment, databases.get(environment.name), delta))
    .sort(byHolding);
  return {
    engineId: input.engineId,
    label: input.label,
    available: usage !== null,
    message: input.unavailableMessage,
    deltaAccounting: delta,
    measuredAt: usage?.measuredAt.toISOString() ?? null,
    notes: usage?.notes ?? [],
    totals: usage && input.scope.kind === 'all' ? engineTotals(usage, input.environments, environments) : null,
    teams: teamRows(input, environments, delta),
    environments,
    topByDelta: environments.filter((environment) => (environment.ownBytes ?? 0) > 0).slice(0, TOP_COUNT),
    expiredOrIdle: environments
      .filter((environment) => !environment.isProduction && (environment.expired || environment.idle))
      .slice(0, CLEANUP_COUNT),
  };
}

export function engineTotals(usage: StorageUsage, environments: readonly Environment[], measured: EnvironmentStorage[]): StorageTotals {
  const managed = new Set(environments.map((environment) => environment.name));
  const held = sumHeldBytes(measured);
  const unmanaged = usage.databases.filter((database) => !managed.has(database.database));
  const physical = usage.deltaAccounting ? usage.physicalBytes : null;
  const saved = physical === null ? null : usage.logicalBytes - physical;
  return {
    physicalBytes: physical,
    logicalBytes: usage.logicalBytes,
    fullCopyBytes: usage.logicalBytes,
    savedBytes: saved,
    savedPercent: saved === null || usage.logicalBytes === 0 ? null : (saved / usage.logicalBytes) * 100,
    ratio: physical === null || physical === 0 ? null : usage.logicalBytes / physical,
    databaseCount: usage.databases.length,
    freedIfDroppedBytes: usage.deltaAccounting ? held.freedIfDroppedBytes : null,
    pinnedBytes: usage.deltaAccounting ? held.pinnedBytes : null,
    unmanaged: { count: unmanaged.length, logicalBytes: unmanaged.reduce((sum, database) => sum + database.logicalBytes, 0) },
  };
}

function environmentStorage(
  input: EngineReportInput,
  environment: Environment,
  database: DatabaseUsage | undefined,
  delta: boolean,
): EnvironmentStorage {
  const lastActivity = input.lastActivity.get(environment.id) ?? null;
  const quietSince = lastActivity ?? environment.createdAt;
  const team = input.teams.find((candidate) => candidate.id === environment.teamId);
  return {
    id: environment.id,
    name: environment.name,
    teamId: environment.teamId,
    teamName: team?.displayName ?? ORGANISATION.displayName,
    isProduction: environment.isProduction,
    status: environment.status,
    createdAt: environment.createdAt.toISOString(),
    expiresAt: environment.expiresAt?.toISOString() ?? null,
    lastActivityAt: lastActivity?.toISOString() ?? null,
    expired: environment.expiresAt !== null && environment.expiresAt <= input.now,
    idle: input.now.getTime() - quietSince.getTime() > input.idleAfterDays * DAY_MS,
    logicalBytes: database?.logicalBytes ?? null,
    ownBytes: delta ? (database?.ownBytes ?? null) : null,
    sharedBytes: delta ? (database?.sharedBytes ?? null) : null,
    freedIfDroppedBytes: delta ? (database?.freedIfDroppedBytes ?? null) : null,
    pinnedBytes: delta ? (database?.pinnedBytes ?? null) : null,
  };
}

function teamRows(input: EngineReportInput, environments: EnvironmentStorage[], delta: boolean): TeamStorage[] {
  const owners: Array<{ teamId: string | null; name: string; displayName: string }> = input.teams.map((team) => ({
    teamId: team.id,
    name: team.name,
    displayName: team.displayName,
  }));
  if (input.scope.kind === 'all') owners.push({ teamId: null, ...ORGANISATION });
  return owners.map((owner) => {
    const held = environments.filter((environment) => environment.teamId === owner.teamId);
    const snapshots = input.snapshots.filter((snapshot) => snapshot.teamId === owner.teamId);
    const sums = sumHeldBytes(held);
    return {
      ...owner,
      environmentCount: held.length,
      logicalBytes: sums.logicalBytes,
      ownBytes: delta ? sums.ownBytes : null,
      freedIfDroppedBytes: delta ? sums.freedIfDroppedBytes : null,
      pinnedBytes: delta ? sums.pinnedBytes : null,
      snapshotCount: snapshots.length,
    };
  });
}

/** Largest delta first; without deltas, largest logical size first. */
function byHolding(a: EnvironmentStorage, b: EnvironmentStorage): number {
  return (b.ownBytes ?? -1) - (a.ownBytes ?? -1) || (b.logicalBytes ?? -1) - (a.logicalBytes ?? -1) || a.name.localeCompare(b.name);
}
