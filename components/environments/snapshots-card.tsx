import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import type { SnapshotView } from '@/lib/domain/environments/views';
import { TakeSnapshotForm } from '@/components/snapshots/take-snapshot-form';
import { formatTimestamp } from '@/lib/format/time';

export interface SnapshotsCardProps {
  environmentId: string;
  environmentName: string;
  snapshots: SnapshotView[];
  canRestore: boolean;
  /** Null when the viewer may snapshot; otherwise why not. */
  snapshotBlockedReason: string | null;
  tableSnapshots: boolean;
  busy: boolean;
  /** The server's time, for the suggested snapshot name. */
  renderedAt: string;
  onRestore: (snapshotId: string) => void;
}

function pinnedText(snapshot: SnapshotView, environmentName: string): string {
  if (snapshot.pinnedBy === null) return 'unknown';
  const others = snapshot.pinnedBy.filter((name) => name !== environmentName);
  return others.length > 0 ? others.join(', ') : '—';
}

export function SnapshotsCard(props: SnapshotsCardProps) {
  const { environmentId, environmentName, snapshots, canRestore, snapshotBlockedReason, tableSnapshots, busy, renderedAt, onRestore } =
    props;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Snapshots of this environment</CardTitle>
        <CardDescription>Points to restore to, or to clone and check first. A snapshot copies no data.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        {snapshots.length === 0 ? (
          <p className="text-sm text-slate-600">No snapshots yet.</p>
        ) : (
          <Table>
            <TableCaption>Snapshots of {environmentName}</TableCaption>
            <TableHead>
              <tr>
                <TableHeaderCell>Snapshot</TableHeaderCell>
                <TableHeaderCell>Taken</TableHeaderCell>
                <TableHeaderCell title="Databases that still stand on this snapshot's data">Pinned by</TableHeaderCell>
                <TableHeaderCell aria-label="Actions" />
              </tr>
            </TableHead>
            <TableBody>
              {snapshots.map((snapshot) => (
                <TableRow key={snapshot.id}>
                  <TableCell className="whitespace-normal!">
                    <span className="break-all font-mono">{snapshot.name}</span>
                    {snapshot.resetPointOf && (
                      <Badge tone="neutral" className="ml-2">
                        reset point
                      </Badge>
                    )}
                    {snapshot.level !== 'database' && (
                      <Badge tone="neutral" className="ml-2">
                        {snapshot.level} {snapshot.table}
                      </Badge>
                    )}
                    <span className="block text-xs text-slate-500">{snapshot.purpose}</span>
                  </TableCell>
                  <TableCell>
                    {formatTimestamp(snapshot.createdAt)}
                    <span className="block text-xs text-slate-500">{snapshot.createdBy ? `by ${snapshot.createdBy}` : 'by Clonedeck'}</span>
                  </TableCell>
                  <TableCell className="whitespace-normal! break-all font-mono text-xs">{pinnedText(snapshot, environmentName)}</TableCell>
                  <TableCell className="space-x-3 text-right">
                    {!snapshot.resetPointOf && snapshot.level === 'database' && (
                      <Link
                        href={`/environments/new?snapshot=${snapshot.id}`}
                        aria-label={`Clone ${snapshot.name}`}
                        className="text-xs font-medium text-indigo-700 hover:underline"
                      >
                        Clone
                      </Link>
                    )}
                    {canRestore && snapshot.level === 'database' && (
                      <Button
                        size="sm"
                        variant="secondary"
                        disabled={busy}
                        onClick={() => onRestore(snapshot.id)}
                        aria-label={`Restore from ${snapshot.name}`}
                      >
                        Restore
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {snapshotBlockedReason === null ? (
          <section aria-labelledby="take-snapshot-heading" className="space-y-3">
            <h3 id="take-snapshot-heading" className="text-sm font-semibold text-slate-900">
              Take snapshot
            </h3>
            <TakeSnapshotForm
              sources={[{ id: environmentId, name: environmentName, team: '', tableLevel: tableSnapshots }]}
              initialEnvironmentId={environmentId}
              renderedAt={renderedAt}
              environmentChooser={false}
              disabled={busy}
            />
          </section>
        ) : (
          <p className="text-sm text-slate-600">Taking snapshots: {snapshotBlockedReason}</p>
        )}
      </CardContent>
    </Card>
  );
}
