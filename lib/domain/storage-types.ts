import type { EnvironmentStatus } from '@/lib/generated/prisma/enums';

/**
 * An engine's storage as a whole (admins only). All byte figures come from one measurement.
 *
 * - `physicalBytes`: bytes the engine really stores on disk (for the embedded engine every
 *   layer file plus the catalog, including layers only snapshots and the template keep).
 * - `logicalBytes`: the sum of the logical sizes of every database the engine reports —
 *   Clonedeck's environments and any database it does not manage (counted in `unmanaged`),
 *   so that it covers the same databases as `physicalBytes`.
 * - `fullCopyBytes`: what full copies would need: every database stored as an independent
 *   full copy of what it sees, i.e. the sum of logical sizes. Snapshots, the template and
 *   the catalog are not counted, so this is a lower bound for a copy-based setup and the
 *   savings below are conservative.
 * - `savedBytes` = logicalBytes − physicalBytes (negative when overhead outweighs sharing);
 *   `savedPercent` = savedBytes / logicalBytes × 100; `ratio` = logicalBytes / physicalBytes.
 *
 * Engines without delta accounting (MatrixOne, YugabyteDB) report no physical bytes, so the
 * physical, saved and ratio figures are null: "not reported", never estimated.
 */
export interface StorageTotals {
  physicalBytes: number | null;
  logicalBytes: number;
  fullCopyBytes: number;
  savedBytes: number | null;
  savedPercent: number | null;
  ratio: number | null;
  databaseCount: number;
  /** Sums over its environments of frees-if-dropped and pinned (null where the engine does not report them). */
  freedIfDroppedBytes: number | null;
  pinnedBytes: number | null;
  /** Databases on the engine with no live Clonedeck environment. */
  unmanaged: { count: number; logicalBytes: number };
}

/** One environment's storage. Sizes are null while the engine does not report the database. */
export interface EnvironmentStorage {
  id: string;
  name: string;
  teamId: string | null;
  teamName: string;
  isProduction: boolean;
  status: EnvironmentStatus;
  createdAt: string;
  expiresAt: string | null;
  /** Its newest audit event since it was created; null when there is none. */
  lastActivityAt: string | null;
  expired: boolean;
  /** No audit event (and not created) within the idle window. */
  idle: boolean;
  logicalBytes: number | null;
  /** Its delta: bytes only it refers to. Null where the engine does not report deltas. */
  ownBytes: number | null;
  sharedBytes: number | null;
  /**
   * What dropping it gives back now: its own bytes plus what only it and its snapshots hold
   * (its drop takes its snapshots along). The drop dialog, the API and the CLI say the same.
   */
  freedIfDroppedBytes: number | null;
  /** Bytes kept only because of the snapshots taken of it: what dropping those alone would give back. */
  pinnedBytes: number | null;
}

/** A team's storage (teamId null: the organisation, i.e. production and org-level snapshots). */
export interface TeamStorage {
  teamId: string | null;
  name: string;
  displayName: string;
  environmentCount: number;
  /** Sums over its environments the engine reports. */
  logicalBytes: number;
  ownBytes: number | null;
  /** Sum over its environments of what dropping each alone gives back now. */
  freedIfDroppedBytes: number | null;
  /** Sum over its environments of the bytes only their snapshots keep. */
  pinnedBytes: number | null;
  snapshotCount: number;
}

export interface EngineStorageReport {
  engineId: string;
  label: string;
  /** False when the engine cannot be measured now; every size is then null or empty. */
  available: boolean;
  message: string | null;
  deltaAccounting: boolean;
  measuredAt: string | null;
  /** What the engine says about its own figures (e.g. MatrixOne's sizes lag behind). */
  notes: string[];
  /** Null for viewers who are not admins. */
  totals: StorageTotals | null;
  teams: TeamStorage[];
  /** Sorted by own bytes, largest first (then by logical bytes). */
  environments: EnvironmentStorage[];
  /** The five largest deltas (empty where the engine reports none). */
  topByDelta: EnvironmentStorage[];
  /** Expired or idle environments (production excluded), holding the most first. */
  expiredOrIdle: EnvironmentStorage[];
}

export interface StorageReport {
  /** 'all' for admins; 'teams' when the report covers only the viewer's teams. */
  scope: 'all' | 'teams';
  generatedAt: string;
  idleAfterDays: number;
  engines: EngineStorageReport[];
}
