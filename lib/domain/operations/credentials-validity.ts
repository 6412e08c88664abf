import { executeEngineOperation } from '@/lib/engines/execute';
import { isAppError } from '@/lib/errors';
import type { Environment } from '@/lib/generated/prisma/client';
import type { DomainContext } from '../context';
import { expiredFrom } from '../environments/expiry';
import type { PlanStep } from './definition';

type Validity = Pick<Environment, 'engineId' | 'name' | 'expiresAt' | 'isProduction' | 'isProtected' | 'protectedUntil'>;

/**
 * The plan step that makes an environment's credentials valid until it expires for good
 * (`expiredFrom`: no end for production, a protected one, or one without expiry), so the front
 * door refuses an expired environment before the reaper drops it; `environment` is the record
 * as the operation is about to write it. None on engines without per-environment credentials:
 * they cannot enforce it (the capability table says so). A database the engine no longer has
 * needs no limit (the step counts as done).
 */
export async function credentialsValiditySteps(context: DomainContext, environment: Validity): Promise<PlanStep[]> {
  const engine = await context.engines.get(environment.engineId);
  if (!engine.abilities.credentials) return [];
  const until = expiredFrom(environment)?.toISOString() ?? null;
  return [{ operation: { kind: 'setCredentialsValidUntil', database: environment.name, until }, missingIsDone: true }];
}

/** Tells the engine the validity the metadata records, outside any operation (start-up: environments made before the engine enforced it). */
export async function applyCredentialsValidity(context: DomainContext, environment: Environment): Promise<void> {
  const engine = await context.engines.get(environment.engineId);
  for (const step of await credentialsValiditySteps(context, environment)) {
    await executeEngineOperation(engine, step.operation).catch((error: unknown) => {
      if (!(isAppError(error) && error.code === 'NOT_FOUND')) throw error;
    });
  }
}
