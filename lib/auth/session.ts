import { getServerSession } from 'next-auth/next';
import { connection } from 'next/server';
import { getPrisma } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { getAuthOptions } from './options';

/** The signed-in user, read fresh from the database (a deleted user has no session). */
export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
}

/** For server components, server actions and route handlers. Null when not signed in. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  // Request-time only: keeps `next build` from prerendering this (and creating the secret file).
  await connection();
  const session = await getServerSession(getAuthOptions());
  const id = session?.user.id;
  if (!id) return null;
  return getPrisma().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, isAdmin: true } });
}

/** Throws UNAUTHENTICATED when nobody is signed in. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  return user;
}
