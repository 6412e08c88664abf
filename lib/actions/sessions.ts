'use server';

import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { endSession, listSessions } from '@/lib/domain/sessions';
import type { SessionInfo } from '@/lib/engines/types';
import { getDomainContext } from '@/lib/runtime/context';
import { type ActionResult, runAction } from './result';

async function asUser() {
  return userActor(await requireUser());
}

/** Who is connected to the environment (the page polls this). */
export async function listSessionsAction(environmentId: string): Promise<ActionResult<SessionInfo[]>> {
  return runAction(async () => listSessions(getDomainContext(), await asUser(), String(environmentId)), 'listSessions');
}

export async function endSessionAction(environmentId: string, sessionId: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    await endSession(getDomainContext(), await asUser(), String(environmentId), String(sessionId));
    return null;
  }, 'endSession');
}
