'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { revokeApiToken } from '@/lib/actions/tokens';

export interface RevokeTokenButtonProps {
  tokenId: string;
  name: string;
  prefix: string;
}

export function RevokeTokenButton({ tokenId, name, prefix }: RevokeTokenButtonProps) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const revoke = () =>
    startTransition(async () => {
      const result = await revokeApiToken({ tokenId });
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
        Revoke<span className="sr-only"> {name}</span>
      </Button>
      <ConfirmDialog
        open={open}
        title={`Revoke ${name}?`}
        message={
          <>
            Pipelines using <span className="font-mono">{prefix}…</span> get 401 from their next request. This cannot be undone.
            {error && (
              <span role="alert" className="mt-2 block text-red-700">
                {error}
              </span>
            )}
          </>
        }
        confirmLabel="Revoke token"
        onConfirm={revoke}
        onCancel={() => setOpen(false)}
        pending={pending}
      />
    </>
  );
}
