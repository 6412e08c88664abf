'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import type { HistoryEvent } from '@/lib/domain/environments/history';
import { formatTimestamp } from '@/lib/format/time';

/** Queries and connections are audited too; hidden by default so the operations stand out. */
const READS = new Set(['environment.query', 'environment.connect']);

export function HistoryCard({ environmentName, events }: { environmentName: string; events: HistoryEvent[] }) {
  const [showReads, setShowReads] = useState(false);
  const shown = showReads ? events : events.filter((event) => !READS.has(event.action));
  const hidden = events.length - shown.length;
  return (
    <Card>
      <CardHeader className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <CardTitle>History</CardTitle>
          <CardDescription>
            Every operation on it and its snapshots, newest first
            {hidden > 0 && ` (${hidden} ${hidden === 1 ? 'query or connection' : 'queries and connections'} hidden)`}.
          </CardDescription>
        </div>
        <Checkbox
          id="history-show-reads"
          label="Show queries and connections"
          checked={showReads}
          onChange={(event) => setShowReads(event.target.checked)}
        />
      </CardHeader>
      <CardContent>
        {shown.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing recorded yet.</p>
        ) : (
          <Table>
            <TableCaption>History of {environmentName}</TableCaption>
            <TableHead>
              <tr>
                <TableHeaderCell>Time</TableHeaderCell>
                <TableHeaderCell>Actor</TableHeaderCell>
                <TableHeaderCell>Action</TableHeaderCell>
                <TableHeaderCell>Outcome</TableHeaderCell>
                <TableHeaderCell>Error</TableHeaderCell>
              </tr>
            </TableHead>
            <TableBody>
              {shown.map((event) => (
                <TableRow key={event.id}>
                  <TableCell>{formatTimestamp(event.at)}</TableCell>
                  <TableCell>{event.actor}</TableCell>
                  <TableCell className="whitespace-normal!">
                    <span className="font-mono text-xs">{event.action}</span>
                    {event.detail && (
                      <span className="block max-w-md truncate text-xs text-slate-500" title={event.detail}>
                        {event.detail}
                      </span>
                    )}
                  </TableCell>
                  <TableCell>
                    <Badge tone={event.outcome === 'success' ? 'success' : 'danger'}>{event.outcome}</Badge>
                  </TableCell>
                  <TableCell className="min-w-64 whitespace-normal! text-xs text-red-700">{event.error}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
