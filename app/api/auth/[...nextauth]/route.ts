import NextAuth from 'next-auth/next';
import { getAuthOptions } from '@/lib/auth/options';

interface RouteContext {
  params: Promise<{ nextauth: string[] }>;
}

// The handler is built per request so nothing (secret, OIDC settings) is read at build time.
async function handler(request: Request, context: RouteContext): Promise<Response> {
  return NextAuth(getAuthOptions())(request, context);
}

export { handler as GET, handler as POST };
