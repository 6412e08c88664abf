import type { CapabilitySummary } from '@/lib/engines/types';
import type { Environment } from '@/lib/generated/prisma/client';
import { denial, loadStanding, type Need, type Standing } from '../access';
import type { Actor } from '../actor';
import type { DomainContext } from '../context';
import { engineCapabilities } from '../engines';
import { isProtectedNow } from './load';

/** For a record that vanished between two reads (dropped meanwhile): offer nothing. */
export const NO_PERMISSIONS: EnvironmentPermissions = {
  reset: false,
  snapshot: false,
  restore: false,
  extend: false,
  protect: false,
  drop: false,
  write: false,
  connect: false,
  rotate: false,
  sessions: false,
  endSession: false,
  dropBlockedReason: null,
};

/** What the viewer may do to one environment, for showing only the buttons that will work. */
export interface EnvironmentPermissions {
  reset: boolean;
  snapshot: boolean;
  restore: boolean;
  extend: boolean;
  protect: boolean;
  drop: boolean;
  /** Read-write SQL console (read-only is open to everyone who may connect). */
  write: boolean;
  connect: boolean;
  /** New passwords for the environment's roles (engines with per-environment credentials). */
  rotate: boolean;
  /** See who is connected (engines that can tell). */
  sessions: boolean;
  /** End someone's session. */
  endSession: boolean;
  /** Why drop is unavailable even with the role (production, protected), shown next to the button. */
  dropBlockedReason: string | null;
}

export async function environmentPermissions(
  context: DomainContext,
  actor: Actor,
  environment: Environment,
): Promise<EnvironmentPermissions> {
  const [permissions] = await environmentPermissionsFor(context, actor, [environment]);
  return permissions!;
}

/** The same for many environments at once: one query for the viewer, one capability lookup per engine. */
export async function environmentPermissionsFor(
  context: DomainContext,
  actor: Actor,
  environments: readonly Environment[],
): Promise<EnvironmentPermissions[]> {
  const standing = await loadStanding(context, actor);
  const capabilities = new Map<string, CapabilitySummary | null>();
  for (const engineId of new Set(environments.map((environment) => environment.engineId))) {
    capabilities.set(engineId, await engineCapabilities(context, engineId));
  }
  const now = context.now();
  return environments.map((environment) => decide(standing, environment, capabilities.get(environment.engineId) ?? null, now));
}

function decide(standing: Standing, environment: Environment, capabilities: CapabilitySummary | null, now: Date): EnvironmentPermissions {
  const may = (need: Need) => denial(standing, environment.teamId, need) === null;
  const canRestore = Boolean(capabilities?.restore);
  const admin = standing.kind === 'system' || (standing.kind === 'user' && standing.isAdmin);
  const dropBlockedReason = environment.isProduction
    ? 'Production databases cannot be dropped.'
    : isProtectedNow(environment, now)
      ? 'Protected: unprotect it first.'
      : null;
  return {
    reset: may('reset') && canRestore && environment.baseSnapshotId !== null,
    snapshot: may('snapshot'),
    restore: may('restore') && canRestore,
    extend: may('extend') && !environment.isProduction,
    protect: may('protect') && !environment.isProduction,
    drop: may('drop') && dropBlockedReason === null,
    write: may('connect') && (!environment.isProduction || admin),
    connect: may('connect'),
    rotate: may('rotate') && Boolean(capabilities?.credentials),
    sessions: may('connect') && Boolean(capabilities?.sessions),
    endSession: may('disconnect') && Boolean(capabilities?.sessions),
    dropBlockedReason,
  };
}
