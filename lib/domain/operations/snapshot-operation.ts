import type { SnapshotTarget } from '@/lib/engines/types';
import { unsupported } from '@/lib/errors';
import type { Environment, Snapshot } from '@/lib/generated/prisma/client';
import { type CreateSnapshotInput, createSnapshotSchema, snapshotPlanSchema } from '@/lib/validations/environments';
import { creatorId } from '../actor';
import { nameTaken } from '../names';
import type { OperationDefinition } from './definition';
import { environmentTarget, loadEnvironmentSubject } from './subjects';

type SnapshotPlanInput = Omit<CreateSnapshotInput, 'purpose'>;

/**
 * Takes a named snapshot of an environment (the whole database, or one table where the engine
 * can). If recording it fails, the engine's snapshot is dropped again: never an unrecorded one.
 */
export const snapshotOperation: OperationDefinition<SnapshotPlanInput, CreateSnapshotInput, Environment, Snapshot> = {
  action: 'snapshot.create',
  need: 'snapshot',
  planInput: snapshotPlanSchema,
  input: createSnapshotSchema,
  load: loadEnvironmentSubject,
  target: environmentTarget,
  async check(context, _actor, environment, input) {
    const taken = await context.prisma.snapshot.findFirst({ where: { engineId: environment.engineId, name: input.name, droppedAt: null } });
    if (taken) throw nameTaken();
    const level = input.table ? 'table' : 'database';
    if (!(await context.engines.get(environment.engineId)).snapshotLevels.includes(level)) {
      throw unsupported(`This engine cannot take ${level}-level snapshots.`);
    }
  },
  async plan(_context, _actor, environment, input) {
    const target: SnapshotTarget = input.table
      ? { level: 'table', database: environment.name, table: input.table }
      : { level: 'database', database: environment.name };
    return { engineId: environment.engineId, steps: [{ operation: { kind: 'createSnapshot', snapshot: input.name, target } }] };
  },
  commit: (context, actor, { subject: environment, input }) =>
    context.prisma.snapshot.create({
      data: {
        name: input.name,
        engineId: environment.engineId,
        level: input.table ? 'table' : 'database',
        database: environment.name,
        table: input.table ?? null,
        teamId: environment.teamId,
        purpose: input.purpose,
        createdById: creatorId(actor),
        createdAt: context.now(),
      },
    }),
  async onFailure(context, { subject: environment, input, answers }) {
    if (answers.length === 0) return;
    await (await context.engines.get(environment.engineId)).dropSnapshot(input.name).catch(() => undefined);
  },
  details: (input) => ({ snapshot: input.name }),
};
