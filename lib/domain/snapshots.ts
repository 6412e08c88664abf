import type { SnapshotTarget } from '@/lib/engines/types';
import { conflict, isAppError, unsupported } from '@/lib/errors';
import type { Snapshot } from '@/lib/generated/prisma/client';
import { createSnapshotSchema } from '@/lib/validations/environments';
import { parseOrThrow } from '@/lib/validations/parse';
import { type Actor, creatorId } from './actor';
import { type AuditTarget, recordAudit } from './audit';
import type { DomainContext } from './context';
import { loadSnapshot } from './environments/load';
import { nameTaken } from './names';
import { invalidateUsage } from './usage';
import { environmentOperation } from './environments/operation';

/** Takes a named snapshot of an environment (the whole database, or one table where the engine can). */
export async function createSnapshot(context: DomainContext, actor: Actor, rawInput: unknown): Promise<Snapshot> {
  const input = parseOrThrow(createSnapshotSchema, rawInput);
  return environmentOperation(
    context,
    actor,
    'snapshot.create',
    input.environmentId,
    'snapshot',
    async (environment) => {
      const taken = await context.prisma.snapshot.findFirst({
        where: { engineId: environment.engineId, name: input.name, droppedAt: null },
      });
      if (taken) throw nameTaken();
      const engine = await context.engines.get(environment.engineId);
      const target: SnapshotTarget = input.table
        ? { level: 'table', database: environment.name, table: input.table }
        : { level: 'database', database: environment.name };
      if (!engine.snapshotLevels.includes(target.level)) throw unsupported(`This engine cannot take ${target.level}-level snapshots.`);
      await engine.createSnapshot(input.name, target);
      try {
        return await context.prisma.snapshot.create({
          data: {
            name: input.name,
            engineId: environment.engineId,
            level: target.level,
            database: environment.name,
            table: input.table ?? null,
            teamId: environment.teamId,
            purpose: input.purpose,
            createdById: creatorId(actor),
            createdAt: context.now(),
          },
        });
      } catch (error) {
        await engine.dropSnapshot(input.name).catch(() => undefined);
        throw error;
      }
    },
    { snapshot: input.name },
  );
}

/**
 * Drops a snapshot. The reset point of a live environment cannot go. Clones standing on it
 * keep its data on disk: the result says which.
 */
export async function dropSnapshot(
  context: DomainContext,
  actor: Actor,
  snapshotId: string,
): Promise<{ freedBytes: number | null; pinnedBy: string[] }> {
  let target: AuditTarget = { type: 'snapshot', name: snapshotId };
  try {
    const snapshot = await loadSnapshot(context, actor, snapshotId, 'snapshot');
    target = { type: 'snapshot', name: snapshot.name, teamId: snapshot.teamId };
    const resetOf = await context.prisma.environment.findFirst({ where: { baseSnapshotId: snapshot.id, droppedAt: null } });
    if (resetOf) throw conflict(`${snapshot.name} is the reset point of ${resetOf.name}; it goes when ${resetOf.name} is dropped.`);
    const engine = await context.engines.get(snapshot.engineId);
    invalidateUsage(snapshot.engineId);
    const result = await engine.dropSnapshot(snapshot.name).catch((error: unknown) => {
      if (isAppError(error) && error.code === 'NOT_FOUND') return { freedBytes: null, pinnedBy: [] };
      throw error;
    });
    await context.prisma.snapshot.update({ where: { id: snapshot.id }, data: { droppedAt: context.now() } });
    await recordAudit(context, actor, 'snapshot.drop', target, { ok: true }, { pinnedBy: result.pinnedBy.join(',') });
    return result;
  } catch (error) {
    await recordAudit(context, actor, 'snapshot.drop', target, { ok: false, error });
    throw error;
  }
}
