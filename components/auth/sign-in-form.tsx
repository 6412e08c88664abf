'use client';

import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field-error';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { signInErrorMessage } from '@/lib/auth/callback-url';
import { signInSchema } from '@/lib/validations/auth';

export interface SignInFormProps {
  /** A safe, local path to open after signing in. */
  callbackPath: string;
  /** Label of the OIDC button; null when single sign-on is not configured. */
  oidcLabel: string | null;
  /** A message from a previous attempt (next-auth's `error` parameter). */
  initialError: string | null;
}

type FieldErrors = Partial<Record<'email' | 'password', string[]>>;

export function SignInForm({ callbackPath, oidcLabel, initialError }: SignInFormProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = signInSchema.safeParse({ email: form.get('email'), password: form.get('password') });
    if (!parsed.success) {
      setFieldErrors(z.flattenError(parsed.error).fieldErrors);
      return;
    }
    setFieldErrors({});
    setError(null);
    setPending(true);
    const result = await signIn('credentials', { ...parsed.data, redirect: false });
    if (!result?.ok) {
      setPending(false);
      setError(signInErrorMessage(result?.error) ?? 'Sign-in failed. Try again.');
      return;
    }
    router.replace(callbackPath);
    router.refresh();
  }

  return (
    <div className="space-y-6">
      {error && <Alert tone="danger">{error}</Alert>}
      <form onSubmit={submit} noValidate className="space-y-5">
        <div>
          <Label htmlFor="email">Email</Label>
          <Input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            className="mt-1.5"
            invalid={Boolean(fieldErrors.email)}
            aria-describedby={fieldErrors.email ? 'email-error' : undefined}
          />
          <FieldError id="email-error" messages={fieldErrors.email} />
        </div>
        <div>
          <Label htmlFor="password">Password</Label>
          <Input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="mt-1.5"
            invalid={Boolean(fieldErrors.password)}
            aria-describedby={fieldErrors.password ? 'password-error' : undefined}
          />
          <FieldError id="password-error" messages={fieldErrors.password} />
        </div>
        <Button type="submit" className="w-full" pending={pending}>
          Sign in
        </Button>
      </form>
      {oidcLabel && (
        <div className="space-y-3">
          <p className="text-center text-xs uppercase tracking-wide text-slate-500">or</p>
          <Button variant="secondary" className="w-full" onClick={() => signIn('oidc', { callbackUrl: callbackPath })}>
            Sign in with {oidcLabel}
          </Button>
        </div>
      )}
    </div>
  );
}
