'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import type { SnapshotView } from '@/lib/domain/environments/views';
import { formatTimestamp } from '@/lib/format/time';

/** Picks one of the environment's snapshots; the restore dialog does the rest. */
export function RestoreAction({
  snapshots,
  disabled,
  onRestore,
}: {
  snapshots: SnapshotView[];
  disabled: boolean;
  onRestore: (snapshotId: string) => void;
}) {
  const restorable = snapshots.filter((snapshot) => snapshot.level === 'database');
  const [snapshotId, setSnapshotId] = useState(restorable[0]?.id ?? '');
  if (restorable.length === 0) return <p className="text-sm text-slate-600">Take a snapshot first; then it can be restored from here.</p>;
  const options = restorable.map((snapshot) => ({
    value: snapshot.id,
    label: `${snapshot.name}${snapshot.resetPointOf ? ' (reset point)' : ''} · ${formatTimestamp(snapshot.createdAt)}`,
  }));
  const chosen = restorable.some((snapshot) => snapshot.id === snapshotId) ? snapshotId : restorable[0]!.id;
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="min-w-40 flex-1">
        <Label htmlFor="restore-snapshot">Snapshot</Label>
        <Select
          id="restore-snapshot"
          className="mt-1.5"
          value={chosen}
          onChange={(event) => setSnapshotId(event.target.value)}
          options={options}
        />
      </div>
      <Button variant="secondary" onClick={() => onRestore(chosen)} disabled={disabled}>
        Restore…
      </Button>
    </div>
  );
}
