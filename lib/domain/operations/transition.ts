import { conflict, isAppError, userMessage } from '@/lib/errors';
import { SETTLED_STATUSES } from '../environments/status';
import type { DomainContext } from '../context';
import type { Transition } from './definition';

/** Refusals leave the database as it was; any other failure may not have. */
const REFUSALS: ReadonlySet<string> = new Set(['VALIDATION', 'CONFLICT', 'NOT_FOUND', 'UNSUPPORTED', 'FORBIDDEN']);

/**
 * Moves the environment to `during` (atomically, so two operations — from two replicas, say —
 * cannot both start), runs the work, then writes the success state; on failure, puts the
 * previous status back for a refusal, else marks it failed with the reason. Either way the
 * environment ends settled: never left in `during`.
 */
export async function withTransition<T>(context: DomainContext, transition: Transition, work: () => Promise<T>): Promise<T> {
  const { environment } = transition;
  const claimed = await context.prisma.environment.updateMany({
    where: { id: environment.id, status: { in: [...(transition.from ?? SETTLED_STATUSES)] }, droppedAt: null },
    data: { status: transition.during, statusMessage: transition.message },
  });
  if (claimed.count === 0) throw conflict(`${environment.name} is busy (${environment.status}); try again when it is ready.`);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    const unchanged = isAppError(error) && REFUSALS.has(error.code) && environment.status !== transition.during;
    await context.prisma.environment.update({
      where: { id: environment.id },
      data: unchanged
        ? { status: environment.status, statusMessage: environment.statusMessage, lastError: userMessage(error) }
        : { status: 'failed', statusMessage: transition.failedMessage, lastError: userMessage(error) },
    });
    throw error;
  }
  const succeeded = transition.succeeded?.(context.now()) ?? { status: 'ready', statusMessage: null, lastError: null };
  await context.prisma.environment.update({ where: { id: environment.id }, data: succeeded });
  return result;
}
