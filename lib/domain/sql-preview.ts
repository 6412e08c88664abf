import { z } from 'zod';
import { mergeConflictSchema } from '@/lib/validations/data-branches';
import {
  environmentRefSchema,
  provisionPlanSchema,
  restorePlanSchema,
  snapshotPlanSchema,
  snapshotRefSchema,
} from '@/lib/validations/environments';
import { parseOrThrow } from '@/lib/validations/parse';
import type { Actor } from './actor';
import type { DomainContext } from './context';
import { loadEnvironment } from './environments/load';
import { mergeOperations, planMerge } from './environments/data-merge';
import { OPERATIONS } from './operations';
import { previewOperation, renderPlan, type SqlPreview } from './operations/runner';

export type { SqlPreview };

/**
 * What a button is about to do, as the UI knows it (ids), for "Show SQL": an operation's name
 * and the part of its input its plan depends on.
 */
export const intentSchema = z.discriminatedUnion('kind', [
  provisionPlanSchema.extend({ kind: z.literal('provision') }),
  snapshotPlanSchema.extend({ kind: z.literal('snapshot') }),
  environmentRefSchema.extend({ kind: z.literal('reset') }),
  restorePlanSchema.extend({ kind: z.literal('restore') }),
  environmentRefSchema.extend({ kind: z.literal('drop') }),
  snapshotRefSchema.extend({ kind: z.literal('dropSnapshot') }),
  environmentRefSchema.extend({ kind: z.literal('rotateCredentials') }),
  z.object({
    kind: z.literal('merge'),
    environmentId: z.string().min(1),
    targetEnvironmentId: z.string().min(1),
    onConflict: mergeConflictSchema,
    tables: z.array(z.string()).optional(),
  }),
]);
export type Intent = z.infer<typeof intentSchema>;

/** The statements the engine will run for an intent: the operation's own plan, rendered by the engine's dialect. */
export async function describeIntent(context: DomainContext, actor: Actor, rawIntent: unknown): Promise<SqlPreview> {
  const { kind, ...input } = parseOrThrow(intentSchema, rawIntent);
  if (kind !== 'merge') return previewOperation<unknown, unknown, unknown, unknown>(OPERATIONS[kind], context, actor, input);
  const merge = input as Omit<Extract<Intent, { kind: 'merge' }>, 'kind'>;
  const source = await loadEnvironment(context, actor, merge.environmentId, 'read');
  const target = await loadEnvironment(context, actor, merge.targetEnvironmentId, 'read');
  const steps = mergeOperations(await planMerge(context, actor, source, target, merge)).map((operation) => ({ operation }));
  return renderPlan(await context.engines.get(target.engineId), { engineId: target.engineId, steps });
}
