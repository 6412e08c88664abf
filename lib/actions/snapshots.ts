'use server';

import { revalidatePath } from 'next/cache';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { createSnapshot, dropSnapshot } from '@/lib/domain/snapshots';
import { getDomainContext } from '@/lib/runtime/context';
import { type ActionResult, runAction } from './result';

export async function createSnapshotAction(input: unknown): Promise<ActionResult<{ id: string; name: string }>> {
  return runAction(async () => {
    const snapshot = await createSnapshot(getDomainContext(), userActor(await requireUser()), input);
    revalidatePath('/', 'layout');
    return { id: snapshot.id, name: snapshot.name };
  }, 'createSnapshot');
}

export async function dropSnapshotAction(snapshotId: string): Promise<ActionResult<{ freedBytes: number | null; pinnedBy: string[] }>> {
  return runAction(async () => {
    const result = await dropSnapshot(getDomainContext(), userActor(await requireUser()), snapshotId);
    revalidatePath('/', 'layout');
    return result;
  }, 'dropSnapshot');
}
