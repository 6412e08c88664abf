import { getPrisma } from '@/lib/db/prisma';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { emailSchema, signInSchema } from '@/lib/validations/auth';
import { burnVerificationTime, hashPassword, needsRehash, verifyPassword } from './password';
import { assertMayTry, clearAccountFailures, recordFailure } from './sign-in-throttle';

/** What a session carries about its user; roles are never taken from here (see authorization.ts). */
export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  /** The session version the new session is issued under (see session-version.ts). */
  sessionVersion?: number;
}

export interface SignInRequest {
  /** The client's address (client-address.ts), for throttling and the audit log. */
  address: string;
  now?: () => Date;
}

/**
 * The user for an email and password, or null. Unknown emails and OIDC-only users cost the
 * same time as a wrong password (a dummy hash is checked), are throttled and audited the same
 * way, so neither timing nor answers reveal who has an account. Throws SignInThrottledError
 * while the account or the address must wait, without checking any password.
 */
export async function authenticateWithPassword(
  credentials: unknown,
  prisma: PrismaClient = getPrisma(),
  request: SignInRequest = { address: 'unknown' },
): Promise<SignedInUser | null> {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const now = request.now ?? (() => new Date());
  try {
    await assertMayTry(prisma, email, request.address, now());
  } catch (error) {
    await auditSignIn(prisma, { email, userId: null, address: request.address, outcome: 'throttled' });
    throw error;
  }
  const user = await prisma.user.findUnique({ where: { email } });
  const valid = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : (await burnVerificationTime(password), false);
  if (!user || !valid) {
    await recordFailure(prisma, email, request.address, now());
    await auditSignIn(prisma, { email, userId: user?.id ?? null, address: request.address, outcome: 'wrong' });
    return null;
  }
  const passwordHash = needsRehash(user.passwordHash!) ? await hashPassword(password) : undefined;
  await prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: now(), passwordHash } });
  await clearAccountFailures(prisma, email);
  await auditSignIn(prisma, { email, userId: user.id, address: request.address, outcome: 'success' });
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

const AUDIT_ERRORS = { wrong: 'UNAUTHENTICATED: wrong email or password', throttled: 'RATE_LIMITED: too many failed sign-ins' } as const;

/** One audit event per attempt; the email is the one typed (it may name nobody), never the password. */
async function auditSignIn(
  prisma: PrismaClient,
  attempt: {
    email: string;
    userId: string | null;
    address: string;
    outcome: 'success' | keyof typeof AUDIT_ERRORS;
    method?: 'password' | 'oidc';
  },
): Promise<void> {
  const email = attempt.email.slice(0, 200);
  try {
    await prisma.auditEvent.create({
      data: {
        actorType: 'user',
        actorUserId: attempt.userId,
        actorLabel: email,
        action: 'auth.sign_in',
        targetType: 'user',
        targetName: email,
        outcome: attempt.outcome === 'success' ? 'success' : 'failure',
        error: attempt.outcome === 'success' ? null : AUDIT_ERRORS[attempt.outcome],
        details: { address: attempt.address, method: attempt.method ?? 'password' },
      },
    });
  } catch (error) {
    console.error('[clonedeck] could not write a sign-in audit event:', error);
  }
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
  // The address is not known here (the provider's callback); the identity provider throttles its own sign-ins.
  await auditSignIn(prisma, { email: user.email, userId: user.id, address: 'unknown', outcome: 'success', method: 'oidc' });
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
