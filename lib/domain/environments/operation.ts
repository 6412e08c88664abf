import { conflict, isAppError, userMessage } from '@/lib/errors';
import type { Environment, EnvironmentStatus } from '@/lib/generated/prisma/client';
import type { Need } from '../access';
import type { Actor } from '../actor';
import { type AuditTarget, recordAudit } from '../audit';
import type { DomainContext } from '../context';
import { invalidateUsage } from '../usage';
import { loadEnvironment } from './load';
import { SETTLED_STATUSES } from './status';

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

/**
 * Moves a settled environment to `during` (atomically, so two operations — from two
 * replicas, say — cannot both start), runs the engine work, then marks it ready, or failed
 * with the reason.
 */
export async function withTransition<T>(
  context: DomainContext,
  environment: Environment,
  during: EnvironmentStatus,
  message: string,
  work: () => Promise<T>,
): Promise<T> {
  const claimed = await context.prisma.environment.updateMany({
    where: { id: environment.id, status: { in: [...SETTLED_STATUSES] }, droppedAt: null },
    data: { status: during, statusMessage: message },
  });
  if (claimed.count === 0) throw conflict(`${environment.name} is busy (${environment.status}); try again when it is ready.`);
  try {
    const result = await work();
    await context.prisma.environment.update({
      where: { id: environment.id },
      data: { status: 'ready', statusMessage: null, lastError: null },
    });
    return result;
  } catch (error) {
    if (!isAppError(error)) console.error(`[clonedeck] ${during} ${environment.name} failed:`, error);
    // A refusal (bad input, busy) left the database as it was; anything else may not have.
    const unchanged = isAppError(error) && REFUSALS.has(error.code);
    await context.prisma.environment.update({
      where: { id: environment.id },
      data: unchanged
        ? { status: environment.status, statusMessage: environment.statusMessage, lastError: userMessage(error) }
        : { status: 'failed', statusMessage: `${capitalize(during)} failed`, lastError: userMessage(error) },
    });
    throw error;
  }
}

const REFUSALS: ReadonlySet<string> = new Set(['VALIDATION', 'CONFLICT', 'NOT_FOUND', 'UNSUPPORTED', 'FORBIDDEN']);

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
