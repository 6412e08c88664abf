'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { reassignApiToken } from '@/lib/actions/tokens';
import type { TokenOwnerCandidate } from '@/lib/domain/token-admin';

export interface ReassignTokenButtonProps {
  tokenId: string;
  name: string;
  candidates: TokenOwnerCandidate[];
}

/** Administrators give a restricted token to a lead of its team (or an administrator); its secret stays the same. */
export function ReassignTokenButton({ tokenId, name, candidates }: ReassignTokenButtonProps) {
  const [open, setOpen] = useState(false);
  const [userId, setUserId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const reassign = () =>
    startTransition(async () => {
      const result = await reassignApiToken({ tokenId, userId });
      if (result.ok) setOpen(false);
      else setError(result.message);
    });

  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        Reassign<span className="sr-only"> {name}</span>
      </Button>
      <ConfirmDialog
        open={open}
        title={`Reassign ${name}`}
        message={
          <>
            <Label htmlFor={`reassign-${tokenId}`}>New owner</Label>
            <Select
              id={`reassign-${tokenId}`}
              className="mt-1.5"
              value={userId}
              onChange={(event) => setUserId(event.target.value)}
              placeholder="Choose a lead or an administrator…"
              options={candidates.map((candidate) => ({ value: candidate.id, label: candidate.email }))}
            />
            <span className="mt-2 block">The token keeps its secret and permissions; from now on it can do what its new owner may.</span>
            {error && (
              <span role="alert" className="mt-2 block text-red-700">
                {error}
              </span>
            )}
          </>
        }
        confirmLabel="Reassign token"
        onConfirm={reassign}
        onCancel={() => setOpen(false)}
        pending={pending}
      />
    </>
  );
}
