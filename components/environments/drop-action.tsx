'use client';

import { useState } from 'react';
import { SqlPreviewToggle } from '@/components/sql/sql-preview';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { EnvironmentView } from '@/lib/domain/environments/views';
import { formatBytes } from '@/lib/format/bytes';
import { useDropEnvironmentMutation } from './environment-mutations';

export function DropAction({
  environment,
  snapshotCount,
  disabled,
}: {
  environment: EnvironmentView;
  snapshotCount: number;
  disabled: boolean;
}) {
  const [open, setOpen] = useState(false);
  const drop = useDropEnvironmentMutation(environment.id);
  const snapshots = snapshotCount === 1 ? 'its snapshot' : `its ${snapshotCount} snapshots`;
  return (
    <div className="space-y-2">
      <Button variant="danger" onClick={() => setOpen(true)} disabled={disabled}>
        Drop environment
      </Button>
      {drop.error && !open && <Alert tone="danger">{drop.error.message}</Alert>}
      <ConfirmDialog
        open={open}
        title={`Drop ${environment.name}?`}
        message={
          <div className="space-y-3">
            <p>
              The database and {snapshots} are dropped; this cannot be undone. Clones made from it keep working. Storage nothing else shares
              is freed.
            </p>
            {environment.freedIfDroppedBytes !== null && (
              <p>
                This frees <strong>{formatBytes(environment.freedIfDroppedBytes)}</strong> now.
              </p>
            )}
            <SqlPreviewToggle intent={{ kind: 'drop', environmentId: environment.id }} />
            {drop.error && <Alert tone="danger">{drop.error.message}</Alert>}
          </div>
        }
        confirmLabel="Drop"
        confirmText={environment.name}
        pending={drop.isPending || drop.isSuccess}
        onConfirm={() => drop.mutate()}
        onCancel={() => setOpen(false)}
      />
    </div>
  );
}
