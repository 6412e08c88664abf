import { getPrisma } from '@/lib/db/prisma';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { emailSchema, signInSchema } from '@/lib/validations/auth';
import { burnVerificationTime, hashPassword, needsRehash, verifyPassword } from './password';

/** What a session carries about its user; roles are never taken from here (see authorization.ts). */
export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  /** The session version the new session is issued under (see session-version.ts). */
  sessionVersion?: number;
}

/**
 * The user for an email and password, or null. Unknown emails and OIDC-only users cost the
 * same time as a wrong password, so timing does not reveal who has an account.
 */
export async function authenticateWithPassword(
  credentials: unknown,
  prisma: PrismaClient = getPrisma(),
): Promise<SignedInUser | null> {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user?.passwordHash) {
    await burnVerificationTime(password);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  const passwordHash = needsRehash(user.passwordHash) ? await hashPassword(password) : undefined;
  await prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date(), passwordHash } });
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

/**
 * The user an OIDC sign-in maps to, matched by email; created (without a password and
 * without any team) on first sign-in. Null when the provider gave no usable email.
 */
export async function findOrCreateOidcUser(
  profile: { email?: unknown; name?: unknown; emailVerified?: unknown },
  prisma: PrismaClient = getPrisma(),
): Promise<SignedInUser | null> {
  const email = emailSchema.safeParse(profile.email);
  if (!email.success || profile.emailVerified === false) return null;
  const name = typeof profile.name === 'string' && profile.name.trim() ? profile.name.trim() : email.data.slice(0, email.data.indexOf('@'));
  const user = await prisma.user.upsert({
    where: { email: email.data },
    create: { email: email.data, name, lastSignInAt: new Date() },
    update: { lastSignInAt: new Date() },
  });
  return { id: user.id, email: user.email, name: user.name };
}
