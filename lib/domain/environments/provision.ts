import { isUniqueViolation } from '@/lib/db/errors';
import type { CloneFrom, Engine } from '@/lib/engines/types';
import { conflict, isAppError, notFound, userMessage, validation } from '@/lib/errors';
import type { Environment } from '@/lib/generated/prisma/client';
import { type ProvisionInput, provisionSchema } from '@/lib/validations/environments';
import { parseOrThrow } from '@/lib/validations/parse';
import { authorize } from '../access';
import { type Actor, creatorId } from '../actor';
import { recordAudit } from '../audit';
import type { DomainContext } from '../context';
import { baseSnapshotName, nameTaken } from '../names';
import { LIVE, loadEnvironment, loadSnapshot } from './load';
import { assertWithinQuota, resolveExpiry } from './policy';

interface ResolvedSource {
  engineId: string;
  database: string;
  from: CloneFrom;
  snapshotId: string | null;
}

/**
 * Provisions a team environment: a clone of a live environment (production, or another
 * clone) as it is now, or of a snapshot. The record is written first with status
 * "provisioning" (so the name is taken and the UI can show progress); the clone runs in the
 * background and either completes (status "ready", with a reset point) or is undone on the
 * engine and marked "failed": never a half-recorded clone. One audit event records the outcome.
 */
export async function provisionEnvironment(
  context: DomainContext,
  actor: Actor,
  rawInput: unknown,
  options: { wait?: boolean } = {},
): Promise<Environment> {
  let target = { name: String((rawInput as { name?: unknown })?.name ?? ''), teamId: null as string | null };
  try {
    const input = parseOrThrow(provisionSchema, rawInput);
    target = { name: input.name, teamId: input.teamId };
    const team = await context.prisma.team.findUnique({ where: { id: input.teamId } });
    if (!team) throw notFound('That team does not exist.');
    await authorize(context, actor, team.id, 'provision');
    const source = await resolveSource(context, actor, input);
    const expiresAt = await resolveExpiry(context, actor, team, input.ttlHours);
    await assertWithinQuota(context, team.id);
    const engine = await context.engines.get(source.engineId);
    const taken = await context.prisma.environment.findFirst({
      where: { engineId: source.engineId, name: input.name, ...LIVE },
      select: { id: true },
    });
    // Whoever holds the name (another team, nobody Clonedeck knows), the answer says only that it is taken.
    if (taken || (await engine.getDatabase(input.name))) throw nameTaken();
    const environment = await createRecord(context, actor, input, source, expiresAt);
    const job = context.jobs.run(`provision ${input.name}`, () => completeProvision(context, actor, environment, engine, source));
    if (options.wait) await job;
    return options.wait ? await context.prisma.environment.findUniqueOrThrow({ where: { id: environment.id } }) : environment;
  } catch (error) {
    await recordAudit(context, actor, 'environment.provision', { type: 'environment', ...target }, { ok: false, error });
    throw error;
  }
}

async function resolveSource(context: DomainContext, actor: Actor, input: ProvisionInput): Promise<ResolvedSource> {
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

async function createRecord(
  context: DomainContext,
  actor: Actor,
  input: ProvisionInput,
  source: ResolvedSource,
  expiresAt: Date | null,
): Promise<Environment> {
  const createdById = creatorId(actor);
  if (!createdById) throw validation('Environments are provisioned by a user or an API token.');
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

async function completeProvision(
  context: DomainContext,
  actor: Actor,
  environment: Environment,
  engine: Engine,
  source: ResolvedSource,
): Promise<void> {
  const target = { type: 'environment' as const, name: environment.name, teamId: environment.teamId };
  const base = baseSnapshotName(environment.name);
  let cloned = false;
  try {
    await engine.cloneDatabase({ source: source.database, target: environment.name, from: source.from });
    cloned = true;
    await engine.createSnapshot(base, { level: 'database', database: environment.name });
    const snapshot = await context.prisma.snapshot.create({
      data: {
        name: base,
        engineId: environment.engineId,
        level: 'database',
        database: environment.name,
        teamId: environment.teamId,
        purpose: `Reset point of ${environment.name}`,
        createdAt: context.now(),
      },
    });
    await context.prisma.environment.update({
      where: { id: environment.id },
      data: { status: 'ready', statusMessage: null, lastError: null, baseSnapshotId: snapshot.id },
    });
    await recordAudit(context, actor, 'environment.provision', target, { ok: true }, { source: source.database });
  } catch (error) {
    if (!isAppError(error)) console.error(`[clonedeck] provisioning ${environment.name} failed:`, error);
    if (cloned) await undoClone(engine, environment.name, base);
    await context.prisma.environment.update({
      where: { id: environment.id },
      data: { status: 'failed', statusMessage: 'Provisioning failed', lastError: userMessage(error) },
    });
    await recordAudit(context, actor, 'environment.provision', target, { ok: false, error }, { source: source.database });
  }
}

async function undoClone(engine: Engine, database: string, base: string): Promise<void> {
  for (const undo of [() => engine.dropSnapshot(base), () => engine.dropDatabase(database)]) {
    await undo().catch((error: unknown) => {
      if (!isAppError(error) || error.code !== 'NOT_FOUND') console.error(`[clonedeck] undoing the clone ${database}:`, error);
    });
  }
}
