import { isUniqueViolation } from '@/lib/db/errors';
import { LOCAL_ENGINE_KINDS } from '@/lib/engines/registry';
import type { CloneFrom, EngineKind } from '@/lib/engines/types';
import { conflict, isAppError, notFound, validation } from '@/lib/errors';
import type { Environment } from '@/lib/generated/prisma/client';
import { type ProvisionInput, provisionPlanSchema, provisionSchema } from '@/lib/validations/environments';
import { authorize } from '../access';
import { type Actor, creatorId } from '../actor';
import type { DomainContext } from '../context';
import { LIVE, loadEnvironment, loadSnapshot } from '../environments/load';
import { assertWithinQuota, resolveExpiry } from '../environments/policy';
import { baseSnapshotName, nameTaken } from '../names';
import { credentialsValiditySteps } from './credentials-validity';
import type { OperationDefinition } from './definition';
import { field } from './subjects';

type ProvisionPlanInput = Pick<ProvisionInput, 'name' | 'source'> & Partial<Pick<ProvisionInput, 'teamId' | 'ttlHours'>>;

interface ProvisionSubject {
  source: { engineId: string; database: string; from: CloneFrom; snapshotId: string | null };
  /** When it will expire, resolved once (the plan's credentials step and the record agree); unknown without a team. */
  expiresAt: Date | null | undefined;
  /** The record, once `start` wrote it. */
  environment: Environment | null;
}

/**
 * Provisions a team environment: a clone of a live environment (production, or another clone)
 * as it is now, or of a snapshot, and its reset point. The record is written first with status
 * "provisioning" (so the name is taken and the UI can show progress); the clone runs in the
 * background and either completes (ready, with a reset point) or is undone on the engine and
 * marked failed: never a half-recorded clone. The `provision` need is asked of the team.
 */
export const provisionOperation: OperationDefinition<ProvisionPlanInput, ProvisionInput, ProvisionSubject, Environment> = {
  action: 'environment.provision',
  need: 'provision',
  planInput: provisionPlanSchema,
  input: provisionSchema,
  load: async (context, actor, input) => ({
    source: await resolveSource(context, actor, input),
    expiresAt: await plannedExpiry(context, actor, input),
    environment: null,
  }),
  target: (subject, rawInput) => ({
    type: 'environment',
    name: subject?.environment?.name ?? field(rawInput, 'name'),
    teamId: subject?.environment?.teamId ?? (field(rawInput, 'teamId') || null),
  }),
  async check(context, actor, { source }, input) {
    const team = await context.prisma.team.findUnique({ where: { id: input.teamId } });
    if (!team) throw notFound('That team does not exist.');
    await authorize(context, actor, team.id, 'provision');
    await assertWithinQuota(context, team.id);
    const engine = await context.engines.get(source.engineId);
    const taken = await context.prisma.environment.findFirst({
      where: { ...nameSpaceOf(source.engineId, engine.kind), name: input.name, ...LIVE },
    });
    // Whoever holds the name (another team, nobody Clonedeck knows), the answer says only that it is taken.
    if (taken || (await engine.getDatabase(input.name))) throw nameTaken();
  },
  plan: async (context, _actor, { source, expiresAt }, input) => ({
    engineId: source.engineId,
    steps: [
      { operation: { kind: 'cloneDatabase', request: { source: source.database, target: input.name, from: source.from } } },
      {
        operation: { kind: 'createSnapshot', snapshot: baseSnapshotName(input.name), target: { level: 'database', database: input.name } },
      },
      // Valid until it expires. A preview without a team cannot tell when that is, and omits it.
      ...(expiresAt === undefined
        ? []
        : await credentialsValiditySteps(context, {
            engineId: source.engineId,
            name: input.name,
            expiresAt,
            isProduction: false,
            isProtected: false,
            protectedUntil: null,
          })),
    ],
  }),
  start: async (context, actor, subject, input) => ({ ...subject, environment: await createRecord(context, actor, input, subject) }),
  transition: ({ environment }) => ({
    environment: environment!,
    during: 'provisioning',
    message: environment!.statusMessage ?? 'Cloning',
    from: ['provisioning'],
    failedMessage: 'Provisioning failed',
  }),
  async commit(context, _actor, { subject }) {
    const environment = subject.environment!;
    const snapshot = await context.prisma.snapshot.create({
      data: {
        name: baseSnapshotName(environment.name),
        engineId: environment.engineId,
        level: 'database',
        database: environment.name,
        teamId: environment.teamId,
        purpose: `Reset point of ${environment.name}`,
        createdAt: context.now(),
      },
    });
    return context.prisma.environment.update({ where: { id: environment.id }, data: { baseSnapshotId: snapshot.id } });
  },
  async onFailure(context, { subject, answers }) {
    if (answers.length === 0) return;
    const engine = await context.engines.get(subject.source.engineId);
    const name = subject.environment!.name;
    for (const undo of [() => engine.dropSnapshot(baseSnapshotName(name)), () => engine.dropDatabase(name)]) {
      await undo().catch((error: unknown) => {
        if (!isAppError(error) || error.code !== 'NOT_FOUND') console.error(`[clonedeck] undoing the clone ${name}:`, error);
      });
    }
  },
  details: (_input, subject) => ({ source: subject.source.database }),
};

/**
 * The environments a new one may not share its name with: those of its engine and, for a local
 * engine, those of every local engine, which share one front door that finds a database by its
 * name alone (the engines refuse it too; this says so before anything starts).
 */
function nameSpaceOf(engineId: string, kind: EngineKind) {
  return LOCAL_ENGINE_KINDS.includes(kind) ? { engine: { kind: { in: [...LOCAL_ENGINE_KINDS] } } } : { engineId };
}

async function resolveSource(context: DomainContext, actor: Actor, input: ProvisionPlanInput): Promise<ProvisionSubject['source']> {
  if (input.source.kind === 'environment') {
    const source = await loadEnvironment(context, actor, input.source.environmentId, 'read');
    if (source.status !== 'ready') throw conflict(`${source.name} is ${source.status}; it can be cloned once it is ready.`, 'source');
    return { engineId: source.engineId, database: source.name, from: { kind: 'now' }, snapshotId: null };
  }
  const snapshot = await loadSnapshot(context, actor, input.source.snapshotId, 'read');
  if (snapshot.level !== 'database' || !snapshot.database) {
    throw validation(`Snapshot ${snapshot.name} is not of a whole database; clone a table instead.`, {
      source: ['Choose a database snapshot.'],
    });
  }
  return {
    engineId: snapshot.engineId,
    database: snapshot.database,
    from: { kind: 'snapshot', snapshot: snapshot.name },
    snapshotId: snapshot.id,
  };
}

/**
 * The expiry a provision asks for, within the team's and the administrator's limits. Undefined
 * without a team, or for a team the actor may not provision in (a preview then says nothing of
 * that team's default; a run is refused by `check`).
 */
async function plannedExpiry(context: DomainContext, actor: Actor, input: ProvisionPlanInput): Promise<Date | null | undefined> {
  const team = input.teamId ? await context.prisma.team.findUnique({ where: { id: input.teamId } }) : null;
  if (!team) return undefined;
  const allowed = await authorize(context, actor, team.id, 'provision').then(
    () => true,
    () => false,
  );
  return allowed ? resolveExpiry(context, actor, team, input.ttlHours) : undefined;
}

async function createRecord(context: DomainContext, actor: Actor, input: ProvisionInput, subject: ProvisionSubject): Promise<Environment> {
  const createdById = creatorId(actor);
  if (!createdById) throw validation('Environments are provisioned by a user or an API token.');
  const { source, expiresAt } = subject;
  if (expiresAt === undefined) throw new Error('A provision runs with its team, so its expiry is known.');
  try {
    return await context.prisma.environment.create({
      data: {
        name: input.name,
        engineId: source.engineId,
        teamId: input.teamId,
        purpose: input.purpose,
        createdById,
        createdAt: context.now(),
        expiresAt,
        sourceDatabase: source.database,
        sourceSnapshotId: source.snapshotId,
        status: 'provisioning',
        statusMessage:
          source.from.kind === 'snapshot' ? `Cloning ${source.database} at ${source.from.snapshot}` : `Cloning ${source.database}`,
      },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}
