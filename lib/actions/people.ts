'use server';

import { revalidatePath } from 'next/cache';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { addMember, changeOwnPassword, removeMember, setMemberRole } from '@/lib/domain/people';
import type { TeamRole } from '@/lib/generated/prisma/client';
import { getDomainContext } from '@/lib/runtime/context';
import { parseOrThrow } from '@/lib/validations/parse';
import {
  type AddMemberInput,
  addMemberSchema,
  type ChangePasswordInput,
  changePasswordSchema,
  type RemoveMemberInput,
  removeMemberSchema,
  type SetMemberRoleInput,
  setMemberRoleSchema,
} from '@/lib/validations/people';
import { type ActionResult, runAction } from './result';

/** Session, the form's schema, the service (which checks who may do it and ends sessions), revalidation. */

export async function changePasswordAction(input: ChangePasswordInput): Promise<ActionResult<null>> {
  return runAction(async () => {
    const user = await requireUser();
    await changeOwnPassword(getDomainContext(), userActor(user), parseOrThrow(changePasswordSchema, input));
    return null;
  }, 'changePassword');
}

export async function setMemberRoleAction(input: SetMemberRoleInput): Promise<ActionResult<TeamRole>> {
  return runAction(async () => {
    const user = await requireUser();
    const valid = parseOrThrow(setMemberRoleSchema, input);
    const role = await setMemberRole(getDomainContext(), userActor(user), valid);
    revalidatePath(`/teams/${valid.teamId}`);
    revalidatePath('/tokens');
    return role;
  }, 'setMemberRole');
}

export async function removeMemberAction(input: RemoveMemberInput): Promise<ActionResult<null>> {
  return runAction(async () => {
    const user = await requireUser();
    const valid = parseOrThrow(removeMemberSchema, input);
    await removeMember(getDomainContext(), userActor(user), valid);
    revalidatePath(`/teams/${valid.teamId}`);
    revalidatePath('/tokens');
    return null;
  }, 'removeMember');
}

export async function addMemberAction(input: AddMemberInput): Promise<ActionResult<null>> {
  return runAction(async () => {
    const user = await requireUser();
    const valid = parseOrThrow(addMemberSchema, input);
    await addMember(getDomainContext(), userActor(user), valid);
    revalidatePath(`/teams/${valid.teamId}`);
    return null;
  }, 'addMember');
}
