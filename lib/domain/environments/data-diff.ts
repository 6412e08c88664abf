import type { DatabaseDiff, DataDiffAbility, DiffBase, TableDiffSample } from '@/lib/engines/types';
import { unsupported, validation } from '@/lib/errors';
import type { Environment } from '@/lib/generated/prisma/client';
import { diffSchema } from '@/lib/validations/data-branches';
import { parseOrThrow } from '@/lib/validations/parse';
import type { Actor } from '../actor';
import type { DomainContext } from '../context';
import { loadEnvironment, loadSnapshot } from './load';

/** What the environment was compared with, as the user names it. */
export interface DiffSubject {
  kind: 'base' | 'snapshot' | 'environment';
  name: string;
}

export interface EnvironmentDiff {
  environment: string;
  against: DiffSubject;
  tables: DatabaseDiff['tables'];
  sample: TableDiffSample | null;
}

/**
 * "What changed here": the environment's rows compared, table by table, with its base
 * snapshot (its state when provisioned or last reset), another snapshot, or another
 * environment. The engine computes every figure; an engine that cannot gets UNSUPPORTED,
 * never a made-up number. A read: needs `read` on the environment (and on what it is
 * compared with), and records no audit event.
 */
export async function diffEnvironment(context: DomainContext, actor: Actor, rawInput: unknown): Promise<EnvironmentDiff> {
  const input = parseOrThrow(diffSchema, rawInput);
  const environment = await loadEnvironment(context, actor, input.environmentId, 'read');
  const dataDiff = await dataDiffOf(context, environment);
  const { base, subject } = await resolveBase(context, actor, environment, input.against);
  const diff = await dataDiff.diffDatabase(environment.name, base);
  const sample = input.sampleTable ? await dataDiff.sampleTable(environment.name, input.sampleTable, base, input.sampleLimit) : null;
  return { environment: environment.name, against: subject, tables: diff.tables, sample };
}

export async function dataDiffOf(context: DomainContext, environment: Environment): Promise<DataDiffAbility> {
  const dataDiff = (await context.engines.get(environment.engineId)).abilities.dataDiff;
  if (!dataDiff) throw unsupported('This engine cannot compare rows between databases, so there is no diff to show.');
  return dataDiff;
}

type Against = NonNullable<ReturnType<typeof diffSchema.parse>['against']>;

async function resolveBase(
  context: DomainContext,
  actor: Actor,
  environment: Environment,
  against: Against | undefined,
): Promise<{ base: DiffBase; subject: DiffSubject }> {
  if (!against) {
    const base = environment.baseSnapshotId
      ? await context.prisma.snapshot.findFirst({ where: { id: environment.baseSnapshotId, droppedAt: null } })
      : null;
    if (!base)
      throw validation(`${environment.name} has no base snapshot: choose a snapshot or an environment to compare it with.`, {
        against: ['Choose what to compare with.'],
      });
    return { base: { kind: 'snapshot', database: environment.name, snapshot: base.name }, subject: { kind: 'base', name: base.name } };
  }
  if (against.kind === 'environment') {
    const other = await loadEnvironment(context, actor, against.environmentId, 'read');
    if (other.engineId !== environment.engineId || other.id === environment.id) {
      throw validation('Compare with another environment on the same engine.', { against: ['Choose another environment on this engine.'] });
    }
    return { base: { kind: 'database', database: other.name }, subject: { kind: 'environment', name: other.name } };
  }
  const snapshot = await loadSnapshot(context, actor, against.snapshotId, 'read');
  if (snapshot.engineId !== environment.engineId || snapshot.level === 'table') {
    throw validation(`Snapshot ${snapshot.name} is not a database or account snapshot on this engine.`, {
      against: ['Choose a database snapshot.'],
    });
  }
  // An account or cluster snapshot holds every database: compare with this one's past.
  const database = snapshot.level === 'database' && snapshot.database ? snapshot.database : environment.name;
  return { base: { kind: 'snapshot', database, snapshot: snapshot.name }, subject: { kind: 'snapshot', name: snapshot.name } };
}
