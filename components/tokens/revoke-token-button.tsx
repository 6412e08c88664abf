'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useRevokeTokenMutation } from './token-mutations';

export interface RevokeTokenButtonProps {
  tokenId: string;
  name: string;
  prefix: string;
}

export function RevokeTokenButton({ tokenId, name, prefix }: RevokeTokenButtonProps) {
  const [open, setOpen] = useState(false);
  const revoke = useRevokeTokenMutation();

  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        onClick={() => {
          revoke.reset();
          setOpen(true);
        }}
      >
        Revoke<span className="sr-only"> {name}</span>
      </Button>
      <ConfirmDialog
        open={open}
        title={`Revoke ${name}?`}
        message={
          <>
            Pipelines using <span className="font-mono">{prefix}…</span> get 401 from their next request. This cannot be undone.
            {revoke.error && (
              <span role="alert" className="mt-2 block text-red-700">
                {revoke.error.message}
              </span>
            )}
          </>
        }
        confirmLabel="Revoke token"
        onConfirm={() => revoke.mutate({ tokenId }, { onSuccess: () => setOpen(false) })}
        onCancel={() => setOpen(false)}
        pending={revoke.isPending}
      />
    </>
  );
}
