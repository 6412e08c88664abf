import type { Environment } from '@/lib/generated/prisma/client';
import type { Need } from '../access';
import type { Actor } from '../actor';
import { type AuditTarget, recordAudit } from '../audit';
import type { DomainContext } from '../context';
import { invalidateUsage } from '../usage';
import { loadEnvironment } from './load';

/**
 * Loads and authorizes the environment, runs `work`, and records one audit event with the
 * outcome — also when loading or authorizing fails (then the target is named by its id).
 */
export async function environmentOperation<T>(
  context: DomainContext,
  actor: Actor,
  action: string,
  environmentId: string,
  need: Need,
  work: (environment: Environment) => Promise<T>,
  details?: Record<string, string>,
): Promise<T> {
  let target: AuditTarget = { type: 'environment', name: environmentId };
  try {
    const environment = await loadEnvironment(context, actor, environmentId, need);
    target = { type: 'environment', name: environment.name, teamId: environment.teamId };
    // Whatever the work did to the engine, the next storage read must measure afresh.
    const result = await work(environment).finally(() => invalidateUsage(environment.engineId));
    await recordAudit(context, actor, action, target, { ok: true }, details);
    return result;
  } catch (error) {
    await recordAudit(context, actor, action, target, { ok: false, error }, details);
    throw error;
  }
}
