import type { Snapshot } from '@/lib/generated/prisma/client';
import type { Actor } from './actor';
import type { DomainContext } from './context';
import { dropSnapshotOperation } from './operations/drop-operations';
import { planOperation, runOperation } from './operations/runner';
import { snapshotOperation } from './operations/snapshot-operation';

/** Takes a named snapshot of an environment (see snapshotOperation). */
export function createSnapshot(context: DomainContext, actor: Actor, rawInput: unknown): Promise<Snapshot> {
  return runOperation(snapshotOperation, context, actor, rawInput);
}

/** Drops a snapshot; clones standing on it keep its data on disk, and the result says which (see dropSnapshotOperation). */
export function dropSnapshot(
  context: DomainContext,
  actor: Actor,
  snapshotId: string,
): Promise<{ freedBytes: number | null; pinnedBy: string[] }> {
  return runOperation(dropSnapshotOperation, context, actor, { snapshotId });
}

/** What dropping the snapshot would free now, refused where the drop would be (nothing changes). */
export async function predictDropSnapshot(context: DomainContext, actor: Actor, snapshotId: string): Promise<number | null> {
  return (await planOperation(dropSnapshotOperation, context, actor, { snapshotId }, 'dryRun')).freedBytes;
}
