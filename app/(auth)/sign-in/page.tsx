import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { SignInForm } from '@/components/auth/sign-in-form';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { safeCallbackPath, signInErrorMessage } from '@/lib/auth/callback-url';
import { oidcSettingsFromEnv } from '@/lib/auth/oidc';
import { getCurrentUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Sign in · Clonedeck' };

interface SignInPageProps {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }>;
}

export default async function SignInPage({ searchParams }: SignInPageProps) {
  // Rendered per request: the OIDC button depends on the server's environment, not the build's.
  await connection();
  const { callbackUrl, error } = await searchParams;
  const callbackPath = safeCallbackPath(typeof callbackUrl === 'string' ? callbackUrl : undefined);
  if (await getCurrentUser()) redirect(callbackPath);
  const oidc = oidcSettingsFromEnv();

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <span className="sr-only">Clonedeck: </span>Sign in
        </CardTitle>
      </CardHeader>
      <CardContent>
        <SignInForm callbackPath={callbackPath} oidcLabel={oidc?.label ?? null} initialError={signInErrorMessage(error)} />
      </CardContent>
    </Card>
  );
}
