'use client';

import { signOut } from 'next-auth/react';
import { type FormEvent, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field-error';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { fieldMessagesOf } from '@/lib/client/action-error';
import { type FieldMessages, zodFieldMessages } from '@/lib/client/form-errors';
import { changePasswordSchema } from '@/lib/validations/people';
import { useChangePasswordMutation } from './account-mutations';

export function ChangePasswordForm() {
  const [clientErrors, setClientErrors] = useState<FieldMessages>({});
  const change = useChangePasswordMutation();
  const fieldErrors = { ...clientErrors, ...fieldMessagesOf(change.error) };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    change.reset();
    const data = new FormData(event.currentTarget);
    const parsed = changePasswordSchema.safeParse({ currentPassword: data.get('currentPassword'), newPassword: data.get('newPassword') });
    setClientErrors(parsed.success ? {} : zodFieldMessages(parsed.error));
    if (!parsed.success) return;
    // Every session ended with the change, this one too: sign in with the new password.
    change.mutate(parsed.data, { onSuccess: () => void signOut({ callbackUrl: '/sign-in' }) });
  }

  const described = (name: 'currentPassword' | 'newPassword') => ({
    invalid: Boolean(fieldErrors[name]),
    'aria-describedby': fieldErrors[name] ? `${name}-error` : undefined,
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Change your password" className="max-w-md space-y-5">
      {change.error && <Alert tone="danger">{change.error.message}</Alert>}
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
      <Button type="submit" pending={change.isPending || change.isSuccess}>
        Change password
      </Button>
    </form>
  );
}
