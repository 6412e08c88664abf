'use server';

import { revalidatePath } from 'next/cache';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { type TeamSettingsView, updateTeamSettings } from '@/lib/domain/teams';
import { getDomainContext } from '@/lib/runtime/context';
import { parseOrThrow } from '@/lib/validations/parse';
import { type TeamSettingsInput, teamSettingsSchema } from '@/lib/validations/teams';
import { type ActionResult, runAction } from './result';

/**
 * Session, the form's schema, the service (which checks the role for this team: a lead for
 * the default expiry and the webhook, an admin for quotas), then revalidation of the pages
 * that show the team.
 */
export async function updateTeamSettingsAction(input: TeamSettingsInput): Promise<ActionResult<TeamSettingsView>> {
  return runAction(async () => {
    const user = await requireUser();
    const change = parseOrThrow(teamSettingsSchema, input);
    const settings = await updateTeamSettings(getDomainContext(), userActor(user), change);
    revalidatePath('/teams');
    revalidatePath(`/teams/${change.teamId}`);
    return settings;
  }, 'updateTeamSettings');
}
