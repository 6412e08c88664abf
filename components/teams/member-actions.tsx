'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { TeamRole } from '@/lib/generated/prisma/enums';
import { useRemoveMemberMutation, useSetMemberRoleMutation } from './team-mutations';

export interface MemberActionsProps {
  teamId: string;
  userId: string;
  name: string;
  role: TeamRole;
}

type Pending = { kind: 'role'; role: TeamRole } | { kind: 'remove' } | null;

/** An administrator's controls on one member: make lead / make member, remove. Losing rights ends their sessions. */
export function MemberActions({ teamId, userId, name, role }: MemberActionsProps) {
  const [confirming, setConfirming] = useState<Pending>(null);
  const setRole = useSetMemberRoleMutation();
  const remove = useRemoveMemberMutation();
  const otherRole: TeamRole = role === 'lead' ? 'member' : 'lead';
  const error = confirming?.kind === 'remove' ? remove.error : setRole.error;

  const run = () => {
    const done = { onSuccess: () => setConfirming(null) };
    if (confirming?.kind === 'remove') remove.mutate({ teamId, userId }, done);
    else if (confirming) setRole.mutate({ teamId, userId, role: confirming.role }, done);
  };

  const open = (next: Pending) => {
    remove.reset();
    setRole.reset();
    setConfirming(next);
  };

  return (
    <span className="flex justify-end gap-1">
      <Button variant="ghost" size="sm" onClick={() => open({ kind: 'role', role: otherRole })}>
        Make {otherRole}
        <span className="sr-only"> ({name})</span>
      </Button>
      <Button variant="ghost" size="sm" onClick={() => open({ kind: 'remove' })}>
        Remove<span className="sr-only"> {name}</span>
      </Button>
      <ConfirmDialog
        open={confirming !== null}
        title={confirming?.kind === 'remove' ? `Remove ${name} from the team?` : `Make ${name} a ${otherRole}?`}
        message={
          <>
            {confirming?.kind === 'remove' || otherRole === 'member'
              ? `${name} is signed out everywhere, and API tokens they made stop working for what they may no longer do.`
              : `${name} gets a lead's rights in this team.`}
            {error && (
              <span role="alert" className="mt-2 block text-red-700">
                {error.message}
              </span>
            )}
          </>
        }
        confirmLabel={confirming?.kind === 'remove' ? 'Remove' : `Make ${otherRole}`}
        onConfirm={run}
        onCancel={() => setConfirming(null)}
        pending={remove.isPending || setRole.isPending}
      />
    </span>
  );
}
