import { isAppError, userMessage } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Actor } from './actor';
import type { DomainContext } from './context';

export interface AuditTarget {
  type: 'environment' | 'snapshot' | 'team' | 'token' | 'engine' | 'settings' | 'webhook' | 'user';
  name: string;
  teamId?: string | null;
}

/** Writes one audit event. Never throws: a failed audit write is logged, not shown. */
export async function recordAudit(
  context: DomainContext,
  actor: Actor,
  action: string,
  target: AuditTarget,
  outcome: { ok: true } | { ok: false; error: unknown },
  details?: Prisma.InputJsonValue,
): Promise<void> {
  try {
    await context.prisma.auditEvent.create({
      data: {
        actorType: actor.kind,
        actorUserId: actor.kind === 'user' ? actor.userId : actor.kind === 'token' ? actor.createdById : null,
        actorTokenId: actor.kind === 'token' ? actor.tokenId : null,
        actorLabel: actor.label,
        action,
        targetType: target.type,
        targetName: target.name,
        teamId: target.teamId ?? null,
        outcome: outcome.ok ? 'success' : 'failure',
        error: outcome.ok ? null : auditErrorText(outcome.error),
        details,
        createdAt: context.now(),
      },
    });
  } catch (error) {
    console.error('[clonedeck] could not write an audit event:', error);
  }
}

/** Runs `work` and records its outcome either way; what `work` throws is rethrown. */
export async function audited<T>(
  context: DomainContext,
  actor: Actor,
  action: string,
  target: AuditTarget,
  work: () => Promise<T>,
  details?: Prisma.InputJsonValue,
): Promise<T> {
  try {
    const result = await work();
    await recordAudit(context, actor, action, target, { ok: true }, details);
    return result;
  } catch (error) {
    await recordAudit(context, actor, action, target, { ok: false, error }, details);
    throw error;
  }
}

function auditErrorText(error: unknown): string {
  if (isAppError(error)) return `${error.code}: ${error.message}`;
  // The audit log is for operators: keep the real cause (the user only sees a generic message).
  return `INTERNAL: ${error instanceof Error ? error.message : userMessage(error)}`;
}
