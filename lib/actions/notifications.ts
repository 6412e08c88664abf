'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { markNotificationsRead } from '@/lib/domain/notifications';
import { getDomainContext } from '@/lib/runtime/context';
import { parseOrThrow } from '@/lib/validations/parse';
import { type ActionResult, runAction } from './result';

const markReadSchema = z.object({ ids: z.array(z.string().min(1)).max(500).optional() });

/** Marks the signed-in user's notifications read: the given ones, or all of them. */
export async function markNotificationsReadAction(input: { ids?: string[] } = {}): Promise<ActionResult<{ marked: number }>> {
  return runAction(async () => {
    const user = await requireUser();
    const { ids } = parseOrThrow(markReadSchema, input);
    const marked = await markNotificationsRead(getDomainContext(), userActor(user), ids);
    revalidatePath('/notifications');
    return { marked };
  }, 'markNotificationsRead');
}
