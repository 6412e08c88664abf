'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import { DropSnapshotButton } from './drop-snapshot-button';
import { PinnedBy } from './pinned-by';
import { formatTimestamp } from '@/lib/format/time';
import type { SnapshotRow } from '@/lib/domain/snapshots-page';
import { dropResultText } from './snapshot-text';

function SnapshotCell({ row }: { row: SnapshotRow }) {
  const { snapshot } = row;
  // Cells do not wrap by default; this one may (an inner block, since two whitespace classes on one element would fight).
  return (
    <TableCell>
      <div className="min-w-48 max-w-80 whitespace-normal">
        <span className="break-all font-mono font-medium text-slate-900">{snapshot.name}</span>
        {snapshot.resetPointOf && (
          <Badge tone="info" className="ml-2">
            reset point of {snapshot.resetPointOf}
          </Badge>
        )}
        <span className="mt-0.5 block text-xs text-slate-600">{snapshot.purpose}</span>
      </div>
    </TableCell>
  );
}

function DatabaseCell({ row }: { row: SnapshotRow }) {
  const { snapshot, environment } = row;
  if (!snapshot.database) return <TableCell className="text-slate-500">{snapshot.level}</TableCell>;
  return (
    <TableCell>
      {environment ? (
        <Link href={`/environments/${environment.id}`} className="font-mono text-indigo-700 hover:underline">
          {snapshot.database}
        </Link>
      ) : (
        <span className="font-mono" title="The database has been dropped.">
          {snapshot.database} <span className="font-sans text-xs text-slate-500">(dropped)</span>
        </span>
      )}
      {snapshot.table && <span className="block font-mono text-xs text-slate-600">table {snapshot.table}</span>}
    </TableCell>
  );
}

function ActionsCell({ row, onDropped }: { row: SnapshotRow; onDropped: (text: string) => void }) {
  const { snapshot, environment } = row;
  return (
    // Relative: the screen-reader-only labels inside are positioned against the cell, not the page.
    <TableCell className="relative text-right">
      <div className="flex flex-wrap items-center justify-end gap-2">
        {row.canClone && (
          <Link href={`/environments/new?snapshot=${snapshot.id}`} className={buttonClasses('secondary', 'sm')}>
            Clone from it<span className="sr-only"> ({snapshot.name})</span>
          </Link>
        )}
        {row.canRestore && environment && (
          <Link href={`/environments/${environment.id}?restore=${snapshot.id}`} className={buttonClasses('secondary', 'sm')}>
            Restore from it<span className="sr-only"> ({snapshot.name})</span>
          </Link>
        )}
        {row.canDrop && !row.dropBlockedReason && (
          <DropSnapshotButton
            snapshotId={snapshot.id}
            name={snapshot.name}
            pinnedBy={snapshot.pinnedBy}
            freedIfDroppedBytes={snapshot.freedIfDroppedBytes}
            onDropped={(result) => onDropped(dropResultText(snapshot.name, result))}
          />
        )}
      </div>
      {row.canDrop && row.dropBlockedReason && (
        <p className="ml-auto mt-1 max-w-56 whitespace-normal text-left text-xs text-slate-500">
          Cannot be dropped. {row.dropBlockedReason}
        </p>
      )}
    </TableCell>
  );
}

/** Snapshots with their level, source, age and who stands on them; the actions the viewer may take. */
export function SnapshotTable({ rows }: { rows: SnapshotRow[] }) {
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div>
      {notice && (
        <Alert tone="success" className="mx-5 my-4">
          {notice}
        </Alert>
      )}
      {rows.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-600">No snapshots yet.</p>
      ) : (
        <Table>
          <TableCaption>Snapshots</TableCaption>
          <TableHead>
            <TableRow>
              <TableHeaderCell>Snapshot</TableHeaderCell>
              <TableHeaderCell>Level</TableHeaderCell>
              <TableHeaderCell>Database</TableHeaderCell>
              <TableHeaderCell>Taken</TableHeaderCell>
              <TableHeaderCell className="whitespace-nowrap">Pinned by</TableHeaderCell>
              <TableHeaderCell>
                <span className="sr-only">Actions</span>
              </TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.snapshot.id} className="align-top">
                <SnapshotCell row={row} />
                <TableCell>
                  <Badge>{row.snapshot.level}</Badge>
                </TableCell>
                <DatabaseCell row={row} />
                <TableCell>
                  {formatTimestamp(row.snapshot.createdAt)}
                  <span className="block text-xs text-slate-500">by {row.snapshot.createdBy ?? 'Clonedeck'}</span>
                </TableCell>
                <TableCell>
                  <PinnedBy pinnedBy={row.snapshot.pinnedBy} />
                </TableCell>
                <ActionsCell row={row} onDropped={setNotice} />
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
