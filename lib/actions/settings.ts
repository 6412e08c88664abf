'use server';

import { revalidatePath } from 'next/cache';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { updateAppSettings } from '@/lib/domain/admin-settings';
import { getDomainContext } from '@/lib/runtime/context';
import { parseOrThrow } from '@/lib/validations/parse';
import { type Settings, type SettingsUpdate, settingsUpdateSchema } from '@/lib/validations/settings';
import { type ActionResult, runAction } from './result';

/** Session, the form's schema, then the service (which checks the admin role and audits). */
export async function updateSettings(input: SettingsUpdate): Promise<ActionResult<Settings>> {
  return runAction(async () => {
    const user = await requireUser();
    const valid = parseOrThrow(settingsUpdateSchema, input);
    const saved = await updateAppSettings(getDomainContext(), userActor(user), valid);
    revalidatePath('/settings');
    return saved;
  }, 'updateSettings');
}
