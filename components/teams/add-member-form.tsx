'use client';

import type { FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { teamRoleSchema } from '@/lib/validations/people';
import { useAddMemberMutation } from './team-mutations';

const ROLE_OPTIONS = [
  { value: 'member', label: 'Member' },
  { value: 'lead', label: 'Lead' },
] as const;

/** Administrators add an existing account (someone who has signed in once) to the team. */
export function AddMemberForm({ teamId }: { teamId: string }) {
  const add = useAddMemberMutation();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const role = teamRoleSchema.catch('member').parse(data.get('role'));
    add.mutate({ teamId, email: String(data.get('email') ?? ''), role }, { onSuccess: () => form.reset() });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Add a member" className="flex flex-wrap items-end gap-3">
      <div className="min-w-64 flex-1">
        <Label htmlFor="add-member-email">Add a person by email</Label>
        <Input id="add-member-email" name="email" type="email" autoComplete="off" className="mt-1.5" required />
      </div>
      <div>
        <Label htmlFor="add-member-role">Role</Label>
        <Select id="add-member-role" name="role" options={ROLE_OPTIONS} className="mt-1.5" defaultValue="member" />
      </div>
      <Button type="submit" variant="secondary" pending={add.isPending}>
        Add
      </Button>
      {(add.error || add.isSuccess) && (
        <div className="basis-full">
          <Alert tone={add.error ? 'danger' : 'success'}>{add.error ? add.error.message : 'Added.'}</Alert>
        </div>
      )}
    </form>
  );
}
