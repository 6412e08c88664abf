import type { EnvironmentStatus } from '@/lib/generated/prisma/enums';

/**
 * The environment status sets, in one place for the services, the API and the pages. This
 * module imports nothing at run time, so client components may use it too.
 */
export type { EnvironmentStatus };

/** Every status, in the order an environment usually meets them. */
export const ENVIRONMENT_STATUSES = [
  'provisioning',
  'ready',
  'resetting',
  'restoring',
  'dropping',
  'dropped',
  'failed',
  'missing',
] as const satisfies readonly EnvironmentStatus[];

/** An operation is running on it: pages poll fast and show progress; no other operation may start. */
export const BUSY_STATUSES: readonly EnvironmentStatus[] = ['provisioning', 'resetting', 'restoring', 'dropping'];

/** No operation is running and the database exists: an operation may start (a failed one may be retried). */
export const SETTLED_STATUSES: readonly EnvironmentStatus[] = ['ready', 'failed'];

/** It may be dropped: settled, or its database already gone from the engine. */
export const DROPPABLE_STATUSES: readonly EnvironmentStatus[] = [...SETTLED_STATUSES, 'missing'];

export function isBusy(status: EnvironmentStatus | undefined): boolean {
  return status !== undefined && BUSY_STATUSES.includes(status);
}

export function isSettled(status: EnvironmentStatus): boolean {
  return SETTLED_STATUSES.includes(status);
}

export function isDroppable(status: EnvironmentStatus): boolean {
  return DROPPABLE_STATUSES.includes(status);
}
