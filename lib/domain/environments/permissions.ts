import { isAppError } from '@/lib/errors';
import type { Environment } from '@/lib/generated/prisma/client';
import { authorize, isAdminActor, type Need } from '../access';
import type { Actor } from '../actor';
import type { DomainContext } from '../context';
import { engineCapabilities } from '../engines';
import { isProtectedNow } from './load';

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
  /** Why drop is unavailable even with the role (production, protected), shown next to the button. */
  dropBlockedReason: string | null;
}

async function may(context: DomainContext, actor: Actor, environment: Environment, need: Need): Promise<boolean> {
  try {
    await authorize(context, actor, environment.teamId, need);
    return true;
  } catch (error) {
    if (isAppError(error)) return false;
    throw error;
  }
}

export async function environmentPermissions(context: DomainContext, actor: Actor, environment: Environment): Promise<EnvironmentPermissions> {
  const capabilities = await engineCapabilities(context, environment.engineId);
  const canRestore = Boolean(capabilities?.restore);
  const [reset, snapshot, restore, extend, protect, drop, connect] = await Promise.all(
    (['reset', 'snapshot', 'restore', 'extend', 'protect', 'drop', 'connect'] as const).map((need) => may(context, actor, environment, need)),
  );
  const dropBlockedReason = environment.isProduction
    ? 'Production databases cannot be dropped.'
    : isProtectedNow(environment, context.now())
      ? 'Protected: unprotect it first.'
      : null;
  return {
    reset: reset && canRestore && environment.baseSnapshotId !== null,
    snapshot,
    restore: restore && canRestore,
    extend: extend && !environment.isProduction,
    protect: protect && !environment.isProduction,
    drop: drop && dropBlockedReason === null,
    write: connect && (!environment.isProduction || (await isAdminActor(context, actor))),
    connect,
    dropBlockedReason,
  };
}
