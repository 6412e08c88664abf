'use client';

import { signOut } from 'next-auth/react';
import { type FormEvent, useState, useTransition } from 'react';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field-error';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { changePasswordAction } from '@/lib/actions/people';
import { changePasswordSchema } from '@/lib/validations/people';

type FieldErrors = Partial<Record<'currentPassword' | 'newPassword', string[]>>;

export function ChangePasswordForm() {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = changePasswordSchema.safeParse({ currentPassword: data.get('currentPassword'), newPassword: data.get('newPassword') });
    if (!parsed.success) return setFieldErrors(z.flattenError(parsed.error).fieldErrors);
    startTransition(async () => {
      const result = await changePasswordAction(parsed.data);
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        return setError(result.message);
      }
      // Every session ended with the change, this one too: sign in with the new password.
      await signOut({ callbackUrl: '/sign-in' });
    });
  }

  const described = (name: keyof FieldErrors) => ({
    invalid: Boolean(fieldErrors[name]),
    'aria-describedby': fieldErrors[name] ? `${name}-error` : undefined,
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Change your password" className="max-w-md space-y-5">
      {error && <Alert tone="danger">{error}</Alert>}
      <div>
        <Label htmlFor="currentPassword">Current password</Label>
        <Input
          id="currentPassword"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          className="mt-1.5"
          {...described('currentPassword')}
        />
        <FieldError id="currentPassword-error" messages={fieldErrors.currentPassword} />
      </div>
      <div>
        <Label htmlFor="newPassword">New password</Label>
        <Input
          id="newPassword"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          className="mt-1.5"
          {...described('newPassword')}
        />
        <FieldError id="newPassword-error" messages={fieldErrors.newPassword} />
      </div>
      <Button type="submit" pending={pending}>
        Change password
      </Button>
    </form>
  );
}
