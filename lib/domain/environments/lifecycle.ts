import { conflict, forbidden, isAppError, unsupported, validation } from '@/lib/errors';
import type { Environment } from '@/lib/generated/prisma/client';
import { extendSchema, protectSchema, restoreSchema } from '@/lib/validations/environments';
import { parseOrThrow } from '@/lib/validations/parse';
import { isAdminActor } from '../access';
import type { Actor } from '../actor';
import type { DomainContext } from '../context';
import { resolveExpiryNotices } from '../notifications';
import { getSettings } from '../settings';
import { invalidateUsage } from '../usage';
import { isProtectedNow, loadSnapshot } from './load';
import { environmentOperation, withTransition } from './operation';
import { resolveExpiry } from './policy';

/** Drops an environment and its snapshots. Production and protected environments refuse. */
export async function dropEnvironment(context: DomainContext, actor: Actor, environmentId: string): Promise<{ freedBytes: number | null }> {
  return environmentOperation(context, actor, 'environment.drop', environmentId, 'drop', async (environment) => {
    if (environment.isProduction) throw conflict('Production databases cannot be dropped.');
    if (isProtectedNow(environment, context.now())) {
      const until = environment.protectedUntil ? ` until ${environment.protectedUntil.toISOString()}` : '';
      throw conflict(`${environment.name} is protected${until}; unprotect it before dropping it.`);
    }
    return finishDrop(context, environment);
  });
}

/**
 * The engine work of a drop, also used by the expiry reaper and to finish a drop a crash
 * interrupted: what is already gone on the engine counts as dropped.
 */
export async function finishDrop(context: DomainContext, environment: Environment): Promise<{ freedBytes: number | null }> {
  const claimed = await context.prisma.environment.updateMany({
    where: { id: environment.id, droppedAt: null, status: { in: ['ready', 'failed', 'missing', 'dropping'] } },
    data: { status: 'dropping', statusMessage: 'Dropping' },
  });
  if (claimed.count === 0) throw conflict(`${environment.name} is busy (${environment.status}); try again when it is ready.`);
  const engine = await context.engines.get(environment.engineId);
  invalidateUsage(environment.engineId);
  const freed = await ignoreNotFound(() => engine.dropDatabase(environment.name));
  const snapshots = await context.prisma.snapshot.findMany({
    where: { engineId: environment.engineId, database: environment.name, droppedAt: null },
  });
  // What the snapshots give back counts in what the drop freed (their data may be its alone).
  let snapshotBytes: number | null = 0;
  for (const snapshot of snapshots) {
    const dropped = await ignoreNotFound(() => engine.dropSnapshot(snapshot.name));
    snapshotBytes = dropped?.freedBytes == null || snapshotBytes === null ? null : snapshotBytes + dropped.freedBytes;
  }
  const now = context.now();
  await context.prisma.$transaction([
    context.prisma.snapshot.updateMany({ where: { id: { in: snapshots.map((snapshot) => snapshot.id) } }, data: { droppedAt: now } }),
    context.prisma.environment.update({
      where: { id: environment.id },
      data: { status: 'dropped', statusMessage: null, droppedAt: now },
    }),
  ]);
  await resolveExpiryNotices(context.prisma, environment.id, 'dropped', now);
  const databaseBytes = freed?.freedBytes ?? null;
  return { freedBytes: databaseBytes === null || snapshotBytes === null ? databaseBytes : databaseBytes + snapshotBytes };
}

/** QA's one click: back to the environment's reset point (its state when provisioned). */
export async function resetEnvironment(context: DomainContext, actor: Actor, environmentId: string): Promise<void> {
  await environmentOperation(context, actor, 'environment.reset', environmentId, 'reset', async (environment) => {
    const base = environment.baseSnapshotId
      ? await context.prisma.snapshot.findFirst({ where: { id: environment.baseSnapshotId, droppedAt: null } })
      : null;
    if (!base) throw conflict(`${environment.name} has no reset point.`);
    const restore = (await context.engines.get(environment.engineId)).abilities.restore;
    if (!restore) throw unsupported('This engine cannot restore a database from a snapshot.');
    await withTransition(context, environment, 'resetting', `Resetting to ${base.name}`, () =>
      restore.restoreDatabase(environment.name, base.name),
    );
  });
}

/**
 * Restores an environment from one of its snapshots. Production needs an admin (checked by
 * `authorize`) and the database name typed as confirmation.
 */
export async function restoreEnvironment(context: DomainContext, actor: Actor, rawInput: unknown): Promise<void> {
  const input = parseOrThrow(restoreSchema, rawInput);
  await environmentOperation(
    context,
    actor,
    'environment.restore',
    input.environmentId,
    'restore',
    async (environment) => {
      const snapshot = await loadSnapshot(context, actor, input.snapshotId, 'read');
      if (snapshot.engineId !== environment.engineId || snapshot.database !== environment.name) {
        throw validation(`Snapshot ${snapshot.name} is not a snapshot of ${environment.name}.`, {
          snapshotId: ['Choose a snapshot of this environment.'],
        });
      }
      if (environment.isProduction && input.confirmation?.trim() !== environment.name) {
        const message = `Type ${environment.name} to confirm restoring production.`;
        throw validation(message, { confirmation: [message] });
      }
      const restore = (await context.engines.get(environment.engineId)).abilities.restore;
      if (!restore) throw unsupported('This engine cannot restore a database from a snapshot.');
      await withTransition(context, environment, 'restoring', `Restoring to ${snapshot.name}`, () =>
        restore.restoreDatabase(environment.name, snapshot.name),
      );
    },
    { snapshot: input.snapshotId },
  );
}

/** Sets a new expiry, counted from now, within the same limits as at provisioning. */
export async function extendEnvironment(context: DomainContext, actor: Actor, rawInput: unknown): Promise<Date | null> {
  const input = parseOrThrow(extendSchema, rawInput);
  return environmentOperation(
    context,
    actor,
    'environment.extend',
    input.environmentId,
    'extend',
    async (environment) => {
      if (environment.isProduction || !environment.teamId) throw conflict('Production databases do not expire.');
      const team = await context.prisma.team.findUniqueOrThrow({ where: { id: environment.teamId } });
      const expiresAt = await resolveExpiry(context, actor, team, input.ttlHours);
      await context.prisma.$transaction(async (transaction) => {
        await transaction.environment.update({ where: { id: environment.id }, data: { expiresAt } });
        await resolveExpiryNotices(transaction, environment.id, 'extended', context.now());
      });
      return expiresAt;
    },
    { ttlHours: String(input.ttlHours) },
  );
}

/** Protects for `hours` (leads: bounded by the admin's setting), until unprotected (admins, null), or unprotects (0). */
export async function protectEnvironment(context: DomainContext, actor: Actor, rawInput: unknown): Promise<void> {
  const input = parseOrThrow(protectSchema, rawInput);
  const action = input.hours === 0 ? 'environment.unprotect' : 'environment.protect';
  await environmentOperation(
    context,
    actor,
    action,
    input.environmentId,
    'protect',
    async (environment) => {
      if (environment.isProduction) throw conflict('Production is always protected.');
      const admin = await isAdminActor(context, actor);
      const { maxLeadProtectHours } = await getSettings(context);
      if (input.hours === null && !admin) throw forbidden('Only an administrator can protect without an end date.');
      if (input.hours !== null && input.hours > maxLeadProtectHours && !admin) {
        const message = `Leads can protect for at most ${maxLeadProtectHours} hours at a time.`;
        throw validation(message, { hours: [message] });
      }
      const protectedFor = protection(input.hours, context.now());
      await context.prisma.environment.update({ where: { id: environment.id }, data: protectedFor });
      if (protectsThroughExpiry(protectedFor, environment.expiresAt)) {
        await resolveExpiryNotices(context.prisma, environment.id, 'protected', context.now());
      }
    },
    { hours: String(input.hours) },
  );
}

function protection(hours: number | null, now: Date): Pick<Environment, 'isProtected' | 'protectedUntil'> {
  if (hours === 0) return { isProtected: false, protectedUntil: null };
  if (hours === null) return { isProtected: true, protectedUntil: null };
  return { isProtected: false, protectedUntil: new Date(now.getTime() + hours * 3_600_000) };
}

/** Protected at least until it expires: the reaper will not drop it, so its warning is moot. */
function protectsThroughExpiry(protectedFor: Pick<Environment, 'isProtected' | 'protectedUntil'>, expiresAt: Date | null): boolean {
  if (protectedFor.isProtected) return true;
  return protectedFor.protectedUntil !== null && expiresAt !== null && protectedFor.protectedUntil >= expiresAt;
}

async function ignoreNotFound<T>(work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}
