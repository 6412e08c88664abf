import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getPrisma } from '@/lib/db/prisma';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { SIGN_IN_BUSY, safeCallbackPath, TOO_MANY_ATTEMPTS } from './callback-url';
import { clientAddress } from './client-address';
import { PasswordCheckBusyError } from './password';
import { oidcProvider, oidcSettingsFromEnv } from './oidc';
import { getAuthSecret } from './secret';
import { assertSessionCurrent, currentSessionVersion, endUserSessions, SessionEndedError } from './session-version';
import { SignInThrottledError } from './sign-in-throttle';
import { authenticateWithPassword } from './users';

export const SIGN_IN_PATH = '/sign-in';
const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * next-auth's NEXTAUTH_URL pins the origin for redirects. Without it, next-auth would fall
 * back to localhost:3000; trusting the Host header instead makes `next start -p <port>` and
 * reverse proxies work out of the box. Set NEXTAUTH_URL in production to pin it.
 */
function trustHostUnlessPinned(env: NodeJS.ProcessEnv = process.env): void {
  if (!env.NEXTAUTH_URL && env.AUTH_TRUST_HOST === undefined) env.AUTH_TRUST_HOST = 'true';
}

/** Built on first use (not at import), so `next build` neither reads nor writes the secret. */
export function getAuthOptions(): NextAuthOptions {
  trustHostUnlessPinned();
  return buildAuthOptions({ prisma: getPrisma(), secret: getAuthSecret() });
}

/** The options with their database and secret given (tests pass their own). */
export function buildAuthOptions({ prisma, secret }: { prisma: PrismaClient; secret: string }): NextAuthOptions {
  const oidc = oidcSettingsFromEnv();
  return {
    secret,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 60 * 60 },
    pages: { signIn: SIGN_IN_PATH, error: SIGN_IN_PATH },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        authorize: (credentials, request) => authorizeWithPassword(credentials, request.headers ?? {}, prisma),
      }),
      ...(oidc ? [oidcProvider(oidc)] : []),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          // At sign-in: Clonedeck's user id (both providers), and the session version it is issued under.
          token.sub = user.id;
          token.sessionVersion = user.sessionVersion ?? (await currentSessionVersion(prisma, user.id)) ?? undefined;
          return token;
        }
        // Every later use: a session the server has ended is refused (next-auth then clears the cookie).
        await assertSessionCurrent(prisma, token.sub, token.sessionVersion);
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub ?? '' } };
      },
      redirect: ({ url, baseUrl }) => redirectWithinSite(url, baseUrl),
    },
    events: {
      // Signing out ends every session of the user, so a copied cookie stops working too.
      async signOut({ token }) {
        if (token?.sub) await endUserSessions(prisma, token.sub);
      },
    },
    logger: {
      error(code, metadata) {
        // An ended session is expected (an old cookie), not a server error.
        const cause = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
        if (cause instanceof SessionEndedError) return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
      warn(code) {
        console.warn(`[next-auth][warn][${code}]`);
      },
      debug() {},
    },
  };
}

/**
 * next-auth turns what authorize throws into the `error` it reports to the sign-in page:
 * throttling becomes `TooManyAttempts:<seconds>` (signInErrorMessage words it).
 */
async function authorizeWithPassword(credentials: unknown, headers: Record<string, string | string[] | undefined>, prisma: PrismaClient) {
  try {
    return await authenticateWithPassword(credentials, prisma, { address: clientAddress(headers) });
  } catch (error) {
    if (error instanceof SignInThrottledError) throw new Error(`${TOO_MANY_ATTEMPTS}:${error.retryAfterSeconds}`, { cause: error });
    if (error instanceof PasswordCheckBusyError) throw new Error(SIGN_IN_BUSY, { cause: error });
    throw error;
  }
}

/** next-auth's redirects (after sign-in, sign-out, errors) stay on this site, on a path safeCallbackPath accepts. */
export function redirectWithinSite(url: string, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  const path = url.startsWith(`${base}/`) ? url.slice(base.length) : url;
  // Signing out lands on the sign-in page, which safeCallbackPath refuses as a place to return *to*.
  if (path === SIGN_IN_PATH) return `${base}${SIGN_IN_PATH}`;
  return `${base}${safeCallbackPath(path, '/')}`;
}
