'use client';

import { useState } from 'react';
import { SqlPreviewToggle } from '@/components/sql/sql-preview';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { EnvironmentView } from '@/lib/domain/environments/views';
import { useResetEnvironmentMutation } from './environment-mutations';

/** QA's one click: back to the state it was provisioned with. */
export function ResetAction({ environment, disabled }: { environment: EnvironmentView; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  const reset = useResetEnvironmentMutation(environment.id);
  return (
    <div className="space-y-2">
      <Button onClick={() => setOpen(true)} disabled={disabled}>
        Reset to starting point
      </Button>
      {reset.error && !open && <Alert tone="danger">{reset.error.message}</Alert>}
      {reset.isSuccess && !open && <Alert tone="success">Reset: {environment.name} is as it was when provisioned.</Alert>}
      <ConfirmDialog
        open={open}
        title={`Reset ${environment.name}?`}
        message={
          <div className="space-y-3">
            <p>It goes back to its state when it was provisioned. Everything written to it since is lost.</p>
            <SqlPreviewToggle intent={{ kind: 'reset', environmentId: environment.id }} />
            {reset.error && <Alert tone="danger">{reset.error.message}</Alert>}
          </div>
        }
        confirmLabel="Reset"
        tone="primary"
        pending={reset.isPending}
        onConfirm={() => reset.mutate(undefined, { onSuccess: () => setOpen(false) })}
        onCancel={() => setOpen(false)}
      />
    </div>
  );
}
