import type { z } from 'zod';
import type { Actor } from '@/lib/domain/actor';
import type { DomainContext } from '@/lib/domain/context';
import { findEnvironmentByName, findSnapshotByName } from '@/lib/domain/environments/by-name';
import { AppError, notFound, validation } from '@/lib/errors';
import type { Environment } from '@/lib/generated/prisma/client';
import type { cloneSourceSchema } from '@/lib/validations/environments';
import { BadRequestError } from '../errors';
import type { createEnvironmentRequest } from '../schemas';

const POLL_MS = 200;

/** What to clone, from the request's names: a snapshot, or an environment as it is now. */
export async function cloneSource(
  context: DomainContext,
  actor: Actor,
  body: z.output<typeof createEnvironmentRequest>,
  engineId: string | undefined,
): Promise<z.input<typeof cloneSourceSchema>> {
  if (body.snapshot) {
    const snapshot = await findSnapshotByName(context, actor, body.snapshot, engineId);
    if (body.from && snapshot.database !== body.from) {
      const message = `Snapshot ${snapshot.name} is a snapshot of ${snapshot.database ?? 'no single database'}, not of ${body.from}.`;
      throw validation(message, { snapshot: [message] });
    }
    return { kind: 'snapshot', snapshotId: snapshot.id };
  }
  if (!body.from)
    throw new BadRequestError('Say what to clone: "from" (an environment) or "snapshot".', { from: ['Required without snapshot.'] });
  const environment = await findEnvironmentByName(context, actor, body.from, engineId);
  return { kind: 'environment', environmentId: environment.id };
}

/** Polls the record (which works across replicas) until provisioning settles or time is up. */
export async function settledOrTimeout(
  context: DomainContext,
  actor: Actor,
  created: Environment,
  timeoutMs: number,
): Promise<Environment> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const current = await findEnvironmentByName(context, actor, created.name, created.engineId);
    if (current.id !== created.id) throw notFound(`${created.name} was dropped while it was being provisioned.`);
    if (current.status !== 'provisioning' || performance.now() >= deadline) return current;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** A clone that failed stays listed (status "failed") until dropped; the API answers 503. */
export function throwIfFailed(environment: Environment): void {
  if (environment.status !== 'failed') return;
  throw new AppError(
    'ENGINE_UNAVAILABLE',
    `Provisioning ${environment.name} failed: ${environment.lastError ?? 'no reason recorded'}. Drop it before trying again with the same name.`,
  );
}

export function environmentLocation(name: string, engineId: string | undefined): string {
  const path = `/api/v1/environments/${encodeURIComponent(name)}`;
  return engineId ? `${path}?engine=${encodeURIComponent(engineId)}` : path;
}
