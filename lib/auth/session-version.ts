import type { PrismaClient } from '@/lib/generated/prisma/client';

/**
 * Sessions are JWTs in a cookie, valid on their own for 12 hours; a copied cookie would
 * outlive a sign-out. Each carries the user's session version at sign-in, and every use
 * compares it with the database: raising the version (sign-out, password change, demotion,
 * removal from a team) ends every session issued before, on every device, at their next request.
 */

/** Thrown from next-auth's jwt callback, which then clears the cookie and answers "no session". */
export class SessionEndedError extends Error {
  constructor() {
    super('This session was ended on the server (sign-out, password change or a change of role). Sign in again.');
    this.name = 'SessionEndedError';
  }
}

export async function endUserSessions(prisma: Pick<PrismaClient, 'user'>, userId: string): Promise<void> {
  await prisma.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/** The version a new session is issued under. */
export async function currentSessionVersion(prisma: PrismaClient, userId: string): Promise<number | null> {
  const row = await prisma.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return row?.sessionVersion ?? null;
}

/** Throws SessionEndedError unless the user still exists and the session's version is the current one. */
export async function assertSessionCurrent(prisma: PrismaClient, userId: string | undefined, version: number | undefined): Promise<void> {
  if (!userId || version === undefined) throw new SessionEndedError();
  const current = await currentSessionVersion(prisma, userId);
  if (current === null || current !== version) throw new SessionEndedError();
}
