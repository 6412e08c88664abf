import { NextResponse, type NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';
import { getAuthSecret } from '@/lib/auth/secret';
import { badUrlResponse, urlHasControlCharacters } from '@/lib/http/hostile-url';

/**
 * Refuses page addresses holding control characters, and sends signed-out visitors of
 * dashboard pages to the sign-in page (a convenience only: every page, server action and
 * route handler checks the session itself).
 */
export async function proxy(request: NextRequest): Promise<Response> {
  // NUL and other control characters reach no page: 400 here rather than a database error later.
  if (urlHasControlCharacters(request.nextUrl)) return badUrlResponse();
  const secret = getAuthSecret();
  // The cookie is "__Secure-" prefixed behind https: accept either name.
  const token =
    (await getToken({ req: request, secret, secureCookie: true })) ?? (await getToken({ req: request, secret, secureCookie: false }));
  if (token) return NextResponse.next();
  const signIn = new URL('/sign-in', request.url);
  const { pathname, search } = request.nextUrl;
  if (pathname !== '/') signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything but the API (which answers 401 itself), Next.js assets, the sign-in page and static files.
  matcher: ['/((?!api/|_next/static|_next/image|sign-in|favicon\\.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|txt)$).*)'],
};
