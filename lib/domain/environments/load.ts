import { conflict, notFound } from '@/lib/errors';
import type { Environment, Snapshot } from '@/lib/generated/prisma/client';
import { authorize, type Need } from '../access';
import type { Actor } from '../actor';
import type { DomainContext } from '../context';
import { isSettled } from './status';

/** Environments that still exist (dropped ones stay as history). */
export const LIVE = { droppedAt: null } as const;

/** An environment the actor may `need`; NOT_FOUND when it is gone or not theirs to see. */
export async function loadEnvironment(context: DomainContext, actor: Actor, id: string, need: Need): Promise<Environment> {
  const environment = await context.prisma.environment.findFirst({ where: { id, ...LIVE } });
  if (!environment) throw notFound('That environment does not exist (or was dropped).');
  await authorize(context, actor, environment.teamId, need);
  return environment;
}

export async function loadSnapshot(context: DomainContext, actor: Actor, id: string, need: Need): Promise<Snapshot> {
  const snapshot = await context.prisma.snapshot.findFirst({ where: { id, droppedAt: null } });
  if (!snapshot) throw notFound('That snapshot does not exist (or was dropped).');
  await authorize(context, actor, snapshot.teamId, need);
  return snapshot;
}

/** Operations that change an environment need it settled: not mid-way through another one. */
export function assertSettled(environment: Environment, doing: string): void {
  if (isSettled(environment.status)) return;
  throw conflict(`Cannot ${doing} ${environment.name} while it is ${environment.status}.`);
}

export function isProtectedNow(environment: Environment, now: Date): boolean {
  return environment.isProduction || environment.isProtected || (environment.protectedUntil !== null && environment.protectedUntil > now);
}
