'use client';

import { useState } from 'react';
import { SqlPreviewToggle } from '@/components/sql/sql-preview';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { formatBytes } from '@/lib/format/bytes';
import { useDropSnapshotMutation } from './snapshot-mutations';
import { dropWarning } from './snapshot-text';

export interface DropSnapshotButtonProps {
  snapshotId: string;
  name: string;
  pinnedBy: string[] | null;
  /** What dropping it frees now, as the engine measures it (null: not reported). */
  freedIfDroppedBytes: number | null;
  /** Called with what the drop did; the row disappears when the page refreshes. */
  onDropped: (result: { freedBytes: number | null; pinnedBy: string[] }) => void;
}

export function DropSnapshotButton({ snapshotId, name, pinnedBy, freedIfDroppedBytes, onDropped }: DropSnapshotButtonProps) {
  const [open, setOpen] = useState(false);
  const drop = useDropSnapshotMutation(snapshotId);
  const confirm = () =>
    drop.mutate(undefined, {
      onSuccess: (result) => {
        setOpen(false);
        onDropped(result);
      },
    });

  return (
    <>
      <Button
        variant="danger"
        size="sm"
        onClick={() => {
          drop.reset();
          setOpen(true);
        }}
      >
        Drop<span className="sr-only"> {name}</span>
      </Button>
      {/* The dialog inherits text styles from where it sits: not the table cell's right-aligned, unwrapped text. */}
      <div className="contents whitespace-normal text-left">
        <ConfirmDialog
          open={open}
          title={`Drop snapshot ${name}?`}
          message={
            <div className="space-y-3">
              <p className={pinnedBy && pinnedBy.length > 0 ? 'font-medium text-amber-800' : undefined}>{dropWarning(pinnedBy)}</p>
              {freedIfDroppedBytes !== null && (
                <p>
                  This frees <strong>{formatBytes(freedIfDroppedBytes)}</strong> now.
                </p>
              )}
              <p>Nothing can be cloned or restored from it afterwards. This cannot be undone.</p>
              <SqlPreviewToggle intent={open ? { kind: 'dropSnapshot', snapshotId } : null} />
              {drop.error && (
                <p role="alert" className="text-red-700">
                  {drop.error.message}
                </p>
              )}
            </div>
          }
          confirmLabel="Drop snapshot"
          onConfirm={confirm}
          onCancel={() => setOpen(false)}
          pending={drop.isPending}
        />
      </div>
    </>
  );
}
