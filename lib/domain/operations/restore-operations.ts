import { conflict, unsupported, validation } from '@/lib/errors';
import type { Environment, Snapshot } from '@/lib/generated/prisma/client';
import { environmentRefSchema, restorePlanSchema, restoreSchema } from '@/lib/validations/environments';
import { type Actor, creatorId } from '../actor';
import type { DomainContext } from '../context';
import { loadSnapshot } from '../environments/load';
import { undoSnapshotName } from '../names';
import type { OperationDefinition, Outcome, Plan } from './definition';
import { environmentTarget, loadEnvironmentSubject } from './subjects';

async function assertCanRestore(context: DomainContext, environment: Environment): Promise<void> {
  if (!(await context.engines.get(environment.engineId)).abilities.restore) {
    throw unsupported('This engine cannot restore a database from a snapshot.');
  }
}

/** QA's one click: back to the environment's reset point (its state when provisioned). */
export const resetOperation: OperationDefinition<{ environmentId: string }, { environmentId: string }, Environment, null> = {
  action: 'environment.reset',
  need: 'reset',
  planInput: environmentRefSchema,
  input: environmentRefSchema,
  load: loadEnvironmentSubject,
  target: environmentTarget,
  check: (context, _actor, environment) => assertCanRestore(context, environment),
  async plan(context, _actor, environment) {
    const base = environment.baseSnapshotId
      ? await context.prisma.snapshot.findFirst({ where: { id: environment.baseSnapshotId, droppedAt: null } })
      : null;
    if (!base) throw conflict(`${environment.name} has no reset point.`);
    return {
      engineId: environment.engineId,
      steps: [{ operation: { kind: 'restoreDatabase', database: environment.name, snapshot: base.name } }],
    };
  },
  transition: (environment) => ({
    environment,
    during: 'resetting',
    message: 'Resetting to its reset point',
    failedMessage: 'Reset failed',
  }),
  commit: async () => null,
};

type RestorePlanInput = { environmentId: string; snapshotId: string };
type RestoreInput = RestorePlanInput & { confirmation?: string };

/** What a restore answers: the snapshot it took of the state it replaced, to undo the restore with. */
export interface RestoreResult {
  undoSnapshot: string;
}

/**
 * Restores an environment from one of its snapshots, taking a snapshot of the current state
 * first (named in the answer, restorable like any other), so a mistaken rollback can itself
 * be rolled back. Production needs its name typed as confirmation, by whoever may restore it.
 */
export const restoreOperation: OperationDefinition<RestorePlanInput, RestoreInput, Environment, RestoreResult> = {
  action: 'environment.restore',
  need: 'restore',
  planInput: restorePlanSchema,
  input: restoreSchema,
  load: loadEnvironmentSubject,
  target: environmentTarget,
  async check(context, _actor, environment, input) {
    if (environment.isProduction && input.confirmation?.trim() !== environment.name) {
      const message = `Type ${environment.name} to confirm restoring production.`;
      throw validation(message, { confirmation: [message] });
    }
    await assertCanRestore(context, environment);
  },
  async plan(context, actor, environment, input) {
    const snapshot = await restorableSnapshot(context, actor, environment, input.snapshotId);
    const undo = undoSnapshotName(environment.name, context.now());
    return {
      engineId: environment.engineId,
      steps: [
        { operation: { kind: 'createSnapshot', snapshot: undo, target: { level: 'database', database: environment.name } } },
        { operation: { kind: 'restoreDatabase', database: environment.name, snapshot: snapshot.name } },
      ],
    };
  },
  transition: (environment) => ({ environment, during: 'restoring', message: 'Restoring', failedMessage: 'Restore failed' }),
  async commit(context, actor, outcome) {
    return { undoSnapshot: (await recordUndoSnapshot(context, actor, outcome)).name };
  },
  /** A restore that failed after its safety snapshot keeps it: it holds the state before the attempt. */
  async onFailure(context, outcome) {
    if (outcome.answers.length > 0) await recordUndoSnapshot(context, null, outcome).catch(() => undefined);
  },
  details: (input, _environment, result) => ({ snapshot: input.snapshotId, undoSnapshot: result?.undoSnapshot ?? null }),
};

async function restorableSnapshot(context: DomainContext, actor: Actor, environment: Environment, id: string): Promise<Snapshot> {
  const snapshot = await loadSnapshot(context, actor, id, 'read');
  if (snapshot.engineId !== environment.engineId || snapshot.database !== environment.name) {
    throw validation(`Snapshot ${snapshot.name} is not a snapshot of ${environment.name}.`, {
      snapshotId: ['Choose a snapshot of this environment.'],
    });
  }
  return snapshot;
}

/** The names a restore plan holds: the safety snapshot it takes, and the snapshot it restores. */
function restoreNames(plan: Plan): { undo: string; from: string } {
  const [take, restore] = plan.steps.map((step) => step.operation);
  return { undo: take?.kind === 'createSnapshot' ? take.snapshot : '', from: restore?.kind === 'restoreDatabase' ? restore.snapshot : '' };
}

async function recordUndoSnapshot(
  context: DomainContext,
  actor: Actor | null,
  outcome: Outcome<RestoreInput, Environment>,
): Promise<Snapshot> {
  const { undo, from } = restoreNames(outcome.plan);
  const environment = outcome.subject;
  return context.prisma.snapshot.create({
    data: {
      name: undo,
      engineId: environment.engineId,
      level: 'database',
      database: environment.name,
      teamId: environment.teamId,
      purpose: `Before restoring ${environment.name} to ${from}: restore this to undo it`,
      createdById: actor ? creatorId(actor) : null,
      createdAt: context.now(),
    },
  });
}
