'use server';

import { revalidatePath } from 'next/cache';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { getConnectionInfo, rotateCredentials, runConsoleQuery } from '@/lib/domain/console';
import {
  dropEnvironment,
  extendEnvironment,
  protectEnvironment,
  resetEnvironment,
  restoreEnvironment,
} from '@/lib/domain/environments/lifecycle';
import { provisionEnvironment } from '@/lib/domain/environments/provision';
import type { ConnectionInfo, QueryResult } from '@/lib/engines/types';
import { getDomainContext } from '@/lib/runtime/context';
import { type ActionResult, runAction } from './result';

/**
 * Environment actions: each requires the session, lets the domain service validate the
 * input (with the zod schema the form shares) and check the role for this environment's
 * team, then revalidates the pages that show it.
 */
async function asUser() {
  return userActor(await requireUser());
}

function refresh(environmentId?: string) {
  revalidatePath('/');
  revalidatePath('/environments');
  if (environmentId) revalidatePath(`/environments/${environmentId}`);
}

export async function provisionEnvironmentAction(input: unknown): Promise<ActionResult<{ id: string; name: string }>> {
  return runAction(async () => {
    const environment = await provisionEnvironment(getDomainContext(), await asUser(), input);
    refresh();
    return { id: environment.id, name: environment.name };
  }, 'provisionEnvironment');
}

export async function dropEnvironmentAction(environmentId: string): Promise<ActionResult<{ freedBytes: number | null }>> {
  return runAction(async () => {
    const result = await dropEnvironment(getDomainContext(), await asUser(), environmentId);
    refresh(environmentId);
    return result;
  }, 'dropEnvironment');
}

export async function resetEnvironmentAction(environmentId: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    await resetEnvironment(getDomainContext(), await asUser(), environmentId);
    refresh(environmentId);
    return null;
  }, 'resetEnvironment');
}

/** Answers with the snapshot the restore took of the state it replaced (restore it to undo). */
export async function restoreEnvironmentAction(input: unknown): Promise<ActionResult<{ undoSnapshot: string }>> {
  return runAction(async () => {
    const result = await restoreEnvironment(getDomainContext(), await asUser(), input);
    refresh((input as { environmentId?: string })?.environmentId);
    return result;
  }, 'restoreEnvironment');
}

export async function extendEnvironmentAction(input: unknown): Promise<ActionResult<{ expiresAt: string | null }>> {
  return runAction(async () => {
    const expiresAt = await extendEnvironment(getDomainContext(), await asUser(), input);
    refresh((input as { environmentId?: string })?.environmentId);
    return { expiresAt: expiresAt?.toISOString() ?? null };
  }, 'extendEnvironment');
}

export async function protectEnvironmentAction(input: unknown): Promise<ActionResult<null>> {
  return runAction(async () => {
    await protectEnvironment(getDomainContext(), await asUser(), input);
    refresh((input as { environmentId?: string })?.environmentId);
    return null;
  }, 'protectEnvironment');
}

export async function runConsoleQueryAction(input: unknown): Promise<ActionResult<QueryResult>> {
  return runAction(async () => runConsoleQuery(getDomainContext(), await asUser(), input), 'runConsoleQuery');
}

export async function connectionInfoAction(environmentId: string, reveal = false): Promise<ActionResult<ConnectionInfo>> {
  return runAction(async () => getConnectionInfo(getDomainContext(), await asUser(), environmentId, { reveal }), 'connectionInfo');
}

export async function rotateCredentialsAction(environmentId: string): Promise<ActionResult<ConnectionInfo>> {
  return runAction(async () => {
    const context = getDomainContext();
    const actor = await asUser();
    await rotateCredentials(context, actor, environmentId);
    return getConnectionInfo(context, actor, environmentId, { reveal: true });
  }, 'rotateCredentials');
}
