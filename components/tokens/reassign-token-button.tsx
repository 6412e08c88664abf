'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import type { TokenOwnerCandidate } from '@/lib/domain/token-admin';
import { useReassignTokenMutation } from './token-mutations';

export interface ReassignTokenButtonProps {
  tokenId: string;
  name: string;
  candidates: TokenOwnerCandidate[];
}

/** Administrators give a restricted token to a lead of its team (or an administrator); its secret stays the same. */
export function ReassignTokenButton({ tokenId, name, candidates }: ReassignTokenButtonProps) {
  const [open, setOpen] = useState(false);
  const [userId, setUserId] = useState('');
  const reassign = useReassignTokenMutation();

  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        onClick={() => {
          reassign.reset();
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
            {reassign.error && (
              <span role="alert" className="mt-2 block text-red-700">
                {reassign.error.message}
              </span>
            )}
          </>
        }
        confirmLabel="Reassign token"
        onConfirm={() => reassign.mutate({ tokenId, userId }, { onSuccess: () => setOpen(false) })}
        onCancel={() => setOpen(false)}
        pending={reassign.isPending}
      />
    </>
  );
}
