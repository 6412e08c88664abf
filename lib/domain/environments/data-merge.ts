import type { DataMergeAbility, EngineOperation, MergeConflictChoice } from '@/lib/engines/types';
import { unsupported, validation } from '@/lib/errors';
import type { Environment } from '@/lib/generated/prisma/client';
import { mergeSchema } from '@/lib/validations/data-branches';
import { parseOrThrow } from '@/lib/validations/parse';
import type { Actor } from '../actor';
import type { DomainContext } from '../context';
import { loadEnvironment } from './load';
import { withTransition } from '../operations/transition';
import { environmentOperation } from './operation';

export interface MergePlan {
  source: Environment;
  target: Environment;
  tables: string[];
  onConflict: MergeConflictChoice;
}

/**
 * The tables a merge carries: those asked for, or every table both environments hold that the
 * engine's diff says differs. Shared by the merge and its Show SQL.
 */
export async function planMerge(
  context: DomainContext,
  actor: Actor,
  source: Environment,
  target: Environment,
  input: { tables?: string[]; onConflict: MergeConflictChoice },
): Promise<MergePlan> {
  if (source.engineId !== target.engineId || source.id === target.id) {
    throw validation('Merge into another environment on the same engine.', {
      targetEnvironmentId: ['Choose another environment on this engine.'],
    });
  }
  if (input.tables) return { source, target, tables: input.tables, onConflict: input.onConflict };
  const dataDiff = (await context.engines.get(source.engineId)).abilities.dataDiff;
  if (!dataDiff) throw validation('Name the tables to merge: this engine cannot tell which differ.', { tables: ['Name the tables.'] });
  const diff = await dataDiff.diffDatabase(source.name, { kind: 'database', database: target.name });
  const differs = (counts: { added: number; deleted: number; updated: number } | null) =>
    counts !== null && counts.added + counts.deleted + counts.updated > 0;
  const tables = diff.tables
    .filter((table) => table.presence === 'both' && (differs(table.here) || differs(table.there)))
    .map((table) => table.table);
  return { source, target, tables, onConflict: input.onConflict };
}

export const mergeOperations = (plan: MergePlan): EngineOperation[] =>
  plan.tables.map((table) => ({
    kind: 'mergeTable',
    source: { database: plan.source.name, table },
    target: { database: plan.target.name, table },
    onConflict: plan.onConflict,
  }));

/**
 * Merges one environment's rows into another's, table by table in one engine transaction
 * (all or nothing). Changing the target's data rewinds it as a restore would: it needs
 * `restore` on the target (leads, admins; production: admins, with its name typed), and
 * `read` on the source. Audited on the target as environment.merge.
 */
export async function mergeEnvironment(context: DomainContext, actor: Actor, rawInput: unknown): Promise<{ tables: string[] }> {
  const input = parseOrThrow(mergeSchema, rawInput);
  const details = { onConflict: input.onConflict, from: input.environmentId };
  return environmentOperation(
    context,
    actor,
    'environment.merge',
    input.targetEnvironmentId,
    'restore',
    async (target) => {
      const source = await loadEnvironment(context, actor, input.environmentId, 'read');
      details.from = source.name;
      if (target.isProduction && input.confirmation?.trim() !== target.name) {
        const message = `Type ${target.name} to confirm merging into production.`;
        throw validation(message, { confirmation: [message] });
      }
      const dataMerge = await dataMergeOf(context, target);
      const plan = await planMerge(context, actor, source, target, input);
      if (plan.tables.length === 0) return { tables: [] };
      const transition = {
        environment: target,
        during: 'restoring' as const,
        message: `Merging ${source.name}`,
        failedMessage: 'Merge failed',
      };
      await withTransition(context, transition, () => dataMerge.mergeTables(source.name, target.name, plan.tables, plan.onConflict));
      return { tables: plan.tables };
    },
    details,
  );
}

async function dataMergeOf(context: DomainContext, environment: Environment): Promise<DataMergeAbility> {
  const dataMerge = (await context.engines.get(environment.engineId)).abilities.dataMerge;
  if (!dataMerge) throw unsupported('This engine cannot merge rows between databases.');
  return dataMerge;
}
