import { z } from 'zod';
import type { EngineKind, EngineOperation, SqlStatement } from '@/lib/engines/types';
import { conflict } from '@/lib/errors';
import { environmentNameSchema, snapshotNameSchema } from '@/lib/validations/environments';
import { parseOrThrow } from '@/lib/validations/parse';
import type { Actor } from './actor';
import type { DomainContext } from './context';
import { loadEnvironment, loadSnapshot } from './environments/load';
import { mergeOperations, planMerge } from './environments/data-merge';
import { baseSnapshotName } from './names';
import { mergeConflictSchema } from '@/lib/validations/data-branches';

/** What a button is about to do, as the UI knows it (ids), for "show the equivalent SQL". */
export const intentSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('provision'),
    name: environmentNameSchema,
    source: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('environment'), environmentId: z.string().min(1) }),
      z.object({ kind: z.literal('snapshot'), snapshotId: z.string().min(1) }),
    ]),
  }),
  z.object({ kind: z.literal('snapshot'), environmentId: z.string().min(1), name: snapshotNameSchema, table: z.string().optional() }),
  z.object({ kind: z.literal('reset'), environmentId: z.string().min(1) }),
  z.object({ kind: z.literal('restore'), environmentId: z.string().min(1), snapshotId: z.string().min(1) }),
  z.object({ kind: z.literal('drop'), environmentId: z.string().min(1) }),
  z.object({ kind: z.literal('dropSnapshot'), snapshotId: z.string().min(1) }),
  z.object({
    kind: z.literal('merge'),
    environmentId: z.string().min(1),
    targetEnvironmentId: z.string().min(1),
    onConflict: mergeConflictSchema,
    tables: z.array(z.string()).optional(),
  }),
]);
export type Intent = z.infer<typeof intentSchema>;

export interface SqlPreview {
  engine: EngineKind;
  statements: SqlStatement[];
}

/** The statements the engine will run for an intent, rendered by the engine's own dialect. */
export async function describeIntent(context: DomainContext, actor: Actor, rawIntent: unknown): Promise<SqlPreview> {
  const intent = parseOrThrow(intentSchema, rawIntent);
  const { engineId, operations } = await operationsFor(context, actor, intent);
  const engine = await context.engines.get(engineId);
  return { engine: engine.kind, statements: operations.flatMap((operation) => engine.dialect.describe(operation)) };
}

async function operationsFor(
  context: DomainContext,
  actor: Actor,
  intent: Intent,
): Promise<{ engineId: string; operations: EngineOperation[] }> {
  switch (intent.kind) {
    case 'provision': {
      const source =
        intent.source.kind === 'environment'
          ? await loadEnvironment(context, actor, intent.source.environmentId, 'read').then((environment) => ({
              engineId: environment.engineId,
              database: environment.name,
              snapshot: undefined as string | undefined,
            }))
          : await loadSnapshot(context, actor, intent.source.snapshotId, 'read').then((snapshot) => ({
              engineId: snapshot.engineId,
              database: snapshot.database ?? '',
              snapshot: snapshot.name,
            }));
      const from = source.snapshot ? { kind: 'snapshot' as const, snapshot: source.snapshot } : { kind: 'now' as const };
      return {
        engineId: source.engineId,
        operations: [
          { kind: 'cloneDatabase', request: { source: source.database, target: intent.name, from } },
          { kind: 'createSnapshot', snapshot: baseSnapshotName(intent.name), target: { level: 'database', database: intent.name } },
        ],
      };
    }
    case 'snapshot': {
      const environment = await loadEnvironment(context, actor, intent.environmentId, 'read');
      const target = intent.table
        ? { level: 'table' as const, database: environment.name, table: intent.table }
        : { level: 'database' as const, database: environment.name };
      return { engineId: environment.engineId, operations: [{ kind: 'createSnapshot', snapshot: intent.name, target }] };
    }
    case 'reset':
    case 'restore':
      return restoreOperations(context, actor, intent);
    case 'drop': {
      const environment = await loadEnvironment(context, actor, intent.environmentId, 'read');
      const snapshots = await context.prisma.snapshot.findMany({
        where: { engineId: environment.engineId, database: environment.name, droppedAt: null },
        select: { name: true },
      });
      return {
        engineId: environment.engineId,
        operations: [
          { kind: 'dropDatabase', database: environment.name },
          ...snapshots.map((snapshot): EngineOperation => ({ kind: 'dropSnapshot', snapshot: snapshot.name })),
        ],
      };
    }
    case 'dropSnapshot': {
      const snapshot = await loadSnapshot(context, actor, intent.snapshotId, 'read');
      return { engineId: snapshot.engineId, operations: [{ kind: 'dropSnapshot', snapshot: snapshot.name }] };
    }
    case 'merge': {
      const source = await loadEnvironment(context, actor, intent.environmentId, 'read');
      const target = await loadEnvironment(context, actor, intent.targetEnvironmentId, 'read');
      return { engineId: target.engineId, operations: mergeOperations(await planMerge(context, actor, source, target, intent)) };
    }
  }
}

async function restoreOperations(
  context: DomainContext,
  actor: Actor,
  intent: Extract<Intent, { kind: 'reset' | 'restore' }>,
): Promise<{ engineId: string; operations: EngineOperation[] }> {
  const environment = await loadEnvironment(context, actor, intent.environmentId, 'read');
  const snapshotId = intent.kind === 'restore' ? intent.snapshotId : environment.baseSnapshotId;
  if (!snapshotId) throw conflict(`${environment.name} has no reset point.`);
  const snapshot = await loadSnapshot(context, actor, snapshotId, 'read');
  return { engineId: environment.engineId, operations: [{ kind: 'restoreDatabase', database: environment.name, snapshot: snapshot.name }] };
}
