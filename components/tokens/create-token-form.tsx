'use client';

import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { FieldError } from '@/components/ui/field-error';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { fieldMessagesOf } from '@/lib/client/action-error';
import { type FieldMessages, zodFieldMessages } from '@/lib/client/form-errors';
import { ALL_TOKEN_PERMISSIONS } from '@/lib/domain/actor';
import { createTokenSchema, TOKEN_EXPIRY_CHOICES } from '@/lib/validations/tokens';
import { NewTokenNotice } from './new-token-notice';
import { PERMISSION_HINTS } from './permission-text';
import { useCreateTokenMutation } from './token-mutations';

export interface CreateTokenFormProps {
  /** The teams the user may create tokens for. */
  teams: Array<{ id: string; displayName: string }>;
}

const EXPIRY_OPTIONS = TOKEN_EXPIRY_CHOICES.map((days) => ({ value: String(days), label: days === 365 ? '1 year' : `${days} days` }));

function readForm(form: HTMLFormElement) {
  const data = new FormData(form);
  return {
    teamId: String(data.get('teamId') ?? ''),
    name: String(data.get('name') ?? ''),
    permissions: data.getAll('permissions').map(String),
    expiresInDays: Number(data.get('expiresInDays')),
  };
}

export function CreateTokenForm({ teams }: CreateTokenFormProps) {
  const [created, setCreated] = useState<{ name: string; plaintext: string } | null>(null);
  const [clientErrors, setClientErrors] = useState<FieldMessages>({});
  const create = useCreateTokenMutation();
  const errors = {
    message: create.error?.message ?? null,
    fields: { ...clientErrors, ...fieldMessagesOf(create.error) } as Partial<FieldMessages>,
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.reset();
    const form = event.currentTarget;
    const parsed = createTokenSchema.safeParse(readForm(form));
    setClientErrors(parsed.success ? {} : zodFieldMessages(parsed.error));
    if (!parsed.success) return;
    create.mutate(parsed.data, {
      onSuccess: (result) => {
        setCreated({ name: result.token.name, plaintext: result.plaintext });
        form.reset();
      },
    });
  }

  if (created) return <NewTokenNotice name={created.name} plaintext={created.plaintext} onDone={() => setCreated(null)} />;

  const fieldProps = (field: string) => ({
    invalid: Boolean(errors.fields[field]),
    'aria-describedby': errors.fields[field] ? `token-${field}-error` : undefined,
  });

  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label="Create an API token">
      {errors.message && <Alert tone="danger">{errors.message}</Alert>}
      <div className="grid gap-5 sm:grid-cols-3">
        <div>
          <Label htmlFor="token-team">Team</Label>
          <Select
            id="token-team"
            name="teamId"
            className="mt-1.5"
            defaultValue={teams.length === 1 ? teams[0]!.id : ''}
            placeholder={teams.length === 1 ? undefined : 'Choose a team…'}
            options={teams.map((team) => ({ value: team.id, label: team.displayName }))}
            {...fieldProps('teamId')}
          />
          <FieldError id="token-teamId-error" messages={errors.fields.teamId} />
        </div>
        <div>
          <Label htmlFor="token-name">Name</Label>
          <Input id="token-name" name="name" className="mt-1.5" placeholder="qa-nightly-ci" autoComplete="off" {...fieldProps('name')} />
          <FieldError id="token-name-error" messages={errors.fields.name} />
        </div>
        <div>
          <Label htmlFor="token-expiry">Expires in</Label>
          <Select
            id="token-expiry"
            name="expiresInDays"
            className="mt-1.5"
            defaultValue="30"
            options={EXPIRY_OPTIONS}
            {...fieldProps('expiresInDays')}
          />
          <FieldError id="token-expiresInDays-error" messages={errors.fields.expiresInDays} />
        </div>
      </div>
      <fieldset aria-describedby={errors.fields.permissions ? 'token-permissions-error' : undefined}>
        <legend className="text-sm font-medium text-slate-900">Permissions</legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-2">
          {ALL_TOKEN_PERMISSIONS.map((permission) => (
            <Checkbox
              key={permission}
              id={`token-permission-${permission}`}
              name="permissions"
              value={permission}
              defaultChecked={permission === 'read'}
              label={permission}
              hint={PERMISSION_HINTS[permission]}
            />
          ))}
        </div>
        <FieldError id="token-permissions-error" messages={errors.fields.permissions} />
      </fieldset>
      <div className="flex justify-end">
        <Button type="submit" pending={create.isPending}>
          Create token
        </Button>
      </div>
    </form>
  );
}
