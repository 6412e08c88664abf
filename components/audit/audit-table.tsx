import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import type { AuditEventView } from '@/lib/domain/audit-log';

const ACTOR_TONE: Record<AuditEventView['actorType'], BadgeTone> = { user: 'info', token: 'warning', system: 'neutral' };

export function AuditTable({ events }: { events: AuditEventView[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No audit events match these filters.</p>;
  return (
    <Table>
      <TableCaption>Audit events, newest first</TableCaption>
      <TableHead>
        <TableRow>
          <TableHeaderCell>Time (UTC)</TableHeaderCell>
          <TableHeaderCell>Actor</TableHeaderCell>
          <TableHeaderCell>Action</TableHeaderCell>
          <TableHeaderCell>Target</TableHeaderCell>
          <TableHeaderCell>Team</TableHeaderCell>
          <TableHeaderCell>Outcome and error</TableHeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {events.map((event) => (
          <TableRow key={event.id}>
            <TableCell>
              {/* UTC to the second (the column header says so), date above time to keep the table narrow. */}
              <time dateTime={event.createdAt} className="block leading-tight">
                {event.createdAt.slice(0, 10)}
                <span className="block text-xs text-slate-500">{event.createdAt.slice(11, 19)}</span>
              </time>
            </TableCell>
            <TableCell>
              <span className="flex items-center gap-2">
                <Badge tone={ACTOR_TONE[event.actorType]}>{event.actorType}</Badge>
                <span className="max-w-40 truncate" title={event.actorLabel}>
                  {event.actorLabel}
                </span>
              </span>
            </TableCell>
            <TableCell className="font-mono text-xs">{event.action}</TableCell>
            <TableCell>
              {/* TableCell does not wrap; these inner blocks do (class order cannot override it reliably). */}
              <div className="max-w-56 whitespace-normal break-words">
                <span className="block text-xs text-slate-500">{event.targetType}</span>
                <span className="font-medium text-slate-900">{event.targetName}</span>
              </div>
            </TableCell>
            <TableCell>{event.team ? (event.team.name ?? 'deleted team') : <span className="text-slate-500">organisation</span>}</TableCell>
            <TableCell>
              <Badge tone={event.outcome === 'success' ? 'success' : 'danger'}>{event.outcome}</Badge>
              {event.error && <p className="mt-1 w-48 whitespace-normal break-words text-xs text-red-800">{event.error}</p>}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
