'use server';

import { revalidatePath } from 'next/cache';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { diffEnvironment, type EnvironmentDiff } from '@/lib/domain/environments/data-diff';
import { mergeEnvironment } from '@/lib/domain/environments/data-merge';
import { getDomainContext } from '@/lib/runtime/context';
import { type ActionResult, runAction } from './result';

/**
 * Data branches on the environment page. The diff is a read asked for on demand (like the
 * connection details: it runs statements on the engine), the merge a change.
 */
export async function diffEnvironmentAction(input: unknown): Promise<ActionResult<EnvironmentDiff>> {
  return runAction(async () => diffEnvironment(getDomainContext(), userActor(await requireUser()), input), 'diffEnvironment');
}

export async function mergeEnvironmentAction(input: unknown): Promise<ActionResult<{ tables: string[] }>> {
  return runAction(async () => {
    const result = await mergeEnvironment(getDomainContext(), userActor(await requireUser()), input);
    const targetId = (input as { targetEnvironmentId?: unknown })?.targetEnvironmentId;
    revalidatePath('/');
    if (typeof targetId === 'string') revalidatePath(`/environments/${targetId}`);
    return result;
  }, 'mergeEnvironment');
}
