import type { DropDatabaseResult, DropSnapshotResult, EngineOperation } from '@/lib/engines/types';
import { conflict } from '@/lib/errors';
import type { Environment, Snapshot } from '@/lib/generated/prisma/client';
import { environmentRefSchema, snapshotRefSchema } from '@/lib/validations/environments';
import { SYSTEM_ACTOR } from '../actor';
import type { DomainContext } from '../context';
import { isProtectedNow } from '../environments/load';
import { DROPPABLE_STATUSES } from '../environments/status';
import { resolveExpiryNotices } from '../notifications';
import { freedIfDropped, invalidateUsage } from '../usage';
import type { OperationDefinition, Transition } from './definition';
import { carryOut } from './runner';
import { environmentTarget, loadEnvironmentSubject, loadSnapshotSubject, snapshotTarget } from './subjects';

type EnvironmentRef = { environmentId: string };

/**
 * Drops an environment and its snapshots. Production and protected environments refuse. What
 * is already gone on the engine counts as dropped, so a drop that failed half-way (or that a
 * crash interrupted) finishes when run again; a failed drop leaves the environment `failed`
 * with the reason, from where it can be dropped again — never stuck in `dropping`.
 */
export const dropOperation: OperationDefinition<EnvironmentRef, EnvironmentRef, Environment, { freedBytes: number | null }> = {
  action: 'environment.drop',
  need: 'drop',
  planInput: environmentRefSchema,
  input: environmentRefSchema,
  load: loadEnvironmentSubject,
  target: environmentTarget,
  async check(context, _actor, environment) {
    if (environment.isProduction) throw conflict('Production databases cannot be dropped.');
    if (isProtectedNow(environment, context.now())) {
      const until = environment.protectedUntil ? ` until ${environment.protectedUntil.toISOString()}` : '';
      throw conflict(`${environment.name} is protected${until}; unprotect it before dropping it.`);
    }
  },
  async plan(context, _actor, environment) {
    const snapshots = await liveSnapshotsOf(context, environment);
    const steps = [
      { kind: 'dropDatabase', database: environment.name } as EngineOperation,
      ...snapshots.map((snapshot): EngineOperation => ({ kind: 'dropSnapshot', snapshot: snapshot.name })),
    ].map((operation) => ({ operation, missingIsDone: true }));
    return { engineId: environment.engineId, steps };
  },
  freedIfRun: (context, environment) => freedIfDropped(context, environment.engineId, { database: environment.name }),
  transition: dropTransition,
  async commit(context, _actor, { subject: environment, plan, answers }) {
    const names = plan.steps.flatMap((step) => (step.operation.kind === 'dropSnapshot' ? [step.operation.snapshot] : []));
    await context.prisma.snapshot.updateMany({
      where: { engineId: environment.engineId, name: { in: names }, droppedAt: null },
      data: { droppedAt: context.now() },
    });
    await resolveExpiryNotices(context.prisma, environment.id, 'dropped', context.now());
    invalidateUsage(environment.engineId);
    return { freedBytes: freedInAll(answers as Array<DropDatabaseResult | DropSnapshotResult | null>) };
  },
};

/**
 * What the database and its snapshots gave back together (their data may be its alone);
 * null when the engine cannot tell for the database. A step that found nothing freed nothing.
 */
function freedInAll(answers: ReadonlyArray<{ freedBytes: number | null } | null>): number | null {
  const database = answers[0]?.freedBytes ?? null;
  if (database === null) return null;
  return answers.slice(1).reduce((sum, answer) => sum + (answer?.freedBytes ?? 0), database);
}

function dropTransition(environment: Environment): Transition {
  return {
    environment,
    during: 'dropping',
    message: 'Dropping',
    from: [...DROPPABLE_STATUSES, 'dropping'],
    succeeded: (now) => ({ status: 'dropped', statusMessage: null, droppedAt: now }),
    failedMessage: 'Drop failed; drop it again to retry',
  };
}

const liveSnapshotsOf = (context: DomainContext, environment: Environment) =>
  context.prisma.snapshot.findMany({ where: { engineId: environment.engineId, database: environment.name, droppedAt: null } });

/**
 * The engine work of a drop without the caller's checks, for the expiry reaper and to finish
 * a drop a crash interrupted (they authorize and audit themselves).
 */
export async function finishDrop(context: DomainContext, environment: Environment): Promise<{ freedBytes: number | null }> {
  const input = { environmentId: environment.id };
  const plan = await dropOperation.plan(context, SYSTEM_ACTOR, environment, input);
  return carryOut(dropOperation, context, SYSTEM_ACTOR, { input, subject: environment, plan, answers: [] });
}

/**
 * Drops a snapshot. The reset point of a live environment cannot go. Clones standing on it
 * keep its data on disk: the result says which.
 */
export const dropSnapshotOperation: OperationDefinition<{ snapshotId: string }, { snapshotId: string }, Snapshot, DropSnapshotResult> = {
  action: 'snapshot.drop',
  need: 'snapshot',
  planInput: snapshotRefSchema,
  input: snapshotRefSchema,
  load: loadSnapshotSubject,
  target: snapshotTarget,
  async check(context, _actor, snapshot) {
    const resetOf = await context.prisma.environment.findFirst({ where: { baseSnapshotId: snapshot.id, droppedAt: null } });
    if (resetOf) throw conflict(`${snapshot.name} is the reset point of ${resetOf.name}; it goes when ${resetOf.name} is dropped.`);
  },
  plan: async (_context, _actor, snapshot) => ({
    engineId: snapshot.engineId,
    steps: [{ operation: { kind: 'dropSnapshot', snapshot: snapshot.name }, missingIsDone: true }],
  }),
  freedIfRun: (context, snapshot) => freedIfDropped(context, snapshot.engineId, { snapshot: snapshot.name }),
  async commit(context, _actor, { subject: snapshot, answers }) {
    await context.prisma.snapshot.update({ where: { id: snapshot.id }, data: { droppedAt: context.now() } });
    invalidateUsage(snapshot.engineId);
    return (answers[0] as DropSnapshotResult | null) ?? { freedBytes: null, pinnedBy: [] };
  },
  details: (_input, _snapshot, result) => (result ? { pinnedBy: result.pinnedBy.join(',') } : {}),
};
