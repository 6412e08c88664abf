'use client';

import Link from 'next/link';
import { SqlPreviewToggle } from '@/components/sql/sql-preview';
import { Alert } from '@/components/ui/alert';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DisconnectWarning } from './disconnect-warning';
import type { EnvironmentView, SnapshotView } from '@/lib/domain/environments/views';
import { useRestoreEnvironmentMutation } from './environment-mutations';
import { formatTimestamp } from '@/lib/format/time';

export interface RestoreDialogProps {
  environment: EnvironmentView;
  /** The snapshot to restore from; the dialog is open while it is set. */
  snapshot: SnapshotView | null;
  onClose: () => void;
}

/**
 * Restore with its safety rails: a confirmation (production: typing its name, admins only —
 * the page offers the dialog only to them), the engine SQL, and the safe path of cloning the
 * snapshot first to check it.
 */
export function RestoreDialog({ environment, snapshot, onClose }: RestoreDialogProps) {
  const restore = useRestoreEnvironmentMutation(environment.id);
  const confirmText = environment.isProduction ? environment.name : undefined;
  const confirm = () => {
    if (!snapshot) return;
    restore.mutate({ snapshotId: snapshot.id, confirmation: confirmText }, { onSuccess: onClose });
  };

  const message = snapshot && (
    <div className="space-y-3">
      <p>
        <span className="font-mono">{environment.name}</span> goes back to snapshot <span className="font-mono">{snapshot.name}</span>,
        taken {formatTimestamp(snapshot.createdAt)}. Everything written to it since is lost.
      </p>
      {!snapshot.resetPointOf && (
        <p className="rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-indigo-900">
          Not sure the snapshot is what you want?{' '}
          <Link href={`/environments/new?snapshot=${snapshot.id}`} className="font-medium underline">
            Clone this snapshot first to check it
          </Link>
          , then restore.
        </p>
      )}
      <DisconnectWarning environmentId={environment.id} />
      <SqlPreviewToggle intent={{ kind: 'restore', environmentId: environment.id, snapshotId: snapshot.id }} />
      {restore.error && <Alert tone="danger">{restore.error.message}</Alert>}
    </div>
  );

  return (
    <ConfirmDialog
      open={snapshot !== null}
      title={environment.isProduction ? 'Restore production?' : `Restore ${environment.name}?`}
      message={message}
      confirmLabel="Restore"
      onConfirm={confirm}
      onCancel={onClose}
      pending={restore.isPending}
      confirmText={confirmText}
    />
  );
}
