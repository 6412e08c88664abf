import NextAuth from 'next-auth/next';
import type { NextRequest } from 'next/server';
import { getAuthOptions } from '@/lib/auth/options';
import { boundedAuthRequest } from '@/lib/auth/bounded-request';

interface RouteContext {
  params: Promise<{ nextauth: string[] }>;
}

// The handler is built per request so nothing (secret, OIDC settings) is read at build time.
async function handler(request: NextRequest, context: RouteContext): Promise<Response> {
  const bounded = await boundedAuthRequest(request);
  if (bounded instanceof Response) return bounded;
  return NextAuth(getAuthOptions())(bounded, context);
}

export { handler as GET, handler as POST };
