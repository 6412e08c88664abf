'use server';

import { revalidatePath } from 'next/cache';
import { type ActionResult, runAction } from '@/lib/actions/result';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { type CreatedToken, createToken, revokeToken, type TokenView } from '@/lib/domain/tokens';
import { getDomainContext } from '@/lib/runtime/context';
import { reassignToken } from '@/lib/domain/token-admin';
import {
  type CreateTokenInput,
  createTokenSchema,
  type ReassignTokenInput,
  reassignTokenSchema,
  revokeTokenSchema,
} from '@/lib/validations/tokens';
import { parseOrThrow } from '@/lib/validations/parse';

/**
 * Token actions: session, input checked with the form's schema, the domain service (which
 * checks the role: a lead of the team or an admin), then revalidation.
 */

/** The plaintext comes back once, in this result; it is stored nowhere. */
export async function createApiToken(input: CreateTokenInput): Promise<ActionResult<CreatedToken>> {
  return runAction(async () => {
    const user = await requireUser();
    const valid = parseOrThrow(createTokenSchema, input);
    const created = await createToken(getDomainContext(), userActor(user), valid);
    revalidatePath('/tokens');
    return created;
  }, 'createApiToken');
}

export async function revokeApiToken(input: { tokenId: string }): Promise<ActionResult<TokenView>> {
  return runAction(async () => {
    const user = await requireUser();
    const { tokenId } = parseOrThrow(revokeTokenSchema, input);
    const revoked = await revokeToken(getDomainContext(), userActor(user), tokenId);
    revalidatePath('/tokens');
    return revoked;
  }, 'revokeApiToken');
}

/** Administrators hand a token whose creator lost their rights to a lead of its team (or an administrator). */
export async function reassignApiToken(input: ReassignTokenInput): Promise<ActionResult<TokenView>> {
  return runAction(async () => {
    const user = await requireUser();
    const valid = parseOrThrow(reassignTokenSchema, input);
    const reassigned = await reassignToken(getDomainContext(), userActor(user), valid);
    revalidatePath('/tokens');
    return reassigned;
  }, 'reassignApiToken');
}
