'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { removeMemberAction, setMemberRoleAction } from '@/lib/actions/people';
import type { TeamRole } from '@/lib/generated/prisma/enums';

export interface MemberActionsProps {
  teamId: string;
  userId: string;
  name: string;
  role: TeamRole;
}

type Pending = { kind: 'role'; role: TeamRole } | { kind: 'remove' } | null;

/** An administrator's controls on one member: make lead / make member, remove. Losing rights ends their sessions. */
export function MemberActions({ teamId, userId, name, role }: MemberActionsProps) {
  const router = useRouter();
  const [confirming, setConfirming] = useState<Pending>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const otherRole: TeamRole = role === 'lead' ? 'member' : 'lead';

  const run = () =>
    startTransition(async () => {
      if (!confirming) return;
      const result =
        confirming.kind === 'remove'
          ? await removeMemberAction({ teamId, userId })
          : await setMemberRoleAction({ teamId, userId, role: confirming.role });
      if (!result.ok) return setError(result.message);
      setConfirming(null);
      router.refresh();
    });

  const open = (next: Pending) => {
    setError(null);
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
                {error}
              </span>
            )}
          </>
        }
        confirmLabel={confirming?.kind === 'remove' ? 'Remove' : `Make ${otherRole}`}
        onConfirm={run}
        onCancel={() => setConfirming(null)}
        pending={pending}
      />
    </span>
  );
}
