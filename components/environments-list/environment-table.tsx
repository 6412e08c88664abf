import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import type { EnvironmentView } from '@/lib/domain/environments/views';
import { formatBytes } from '@/lib/format/bytes';
import { StatusBadge } from '@/components/environments/status-badge';
import { formatExpiry, formatTimestamp } from '@/lib/format/time';

export interface EnvironmentTableProps {
  environments: EnvironmentView[];
  /** Engines that measure per-clone delta; the others show "not reported" rather than a made-up number. */
  deltaEngineIds: readonly string[];
  now: Date;
  caption: string;
  /** Off on a team's own page, where every row is that team's. */
  showTeam?: boolean;
}

function OwnDelta({ environment, reported }: { environment: EnvironmentView; reported: boolean }) {
  if (environment.ownBytes !== null) return <>{formatBytes(environment.ownBytes)}</>;
  if (!reported)
    return (
      <span className="text-slate-500" title="This engine does not measure what a clone adds on its own.">
        not reported
      </span>
    );
  return (
    <span className="text-slate-500" title="Not measured right now (the engine may be unavailable).">
      —
    </span>
  );
}

function NameCell({ environment }: { environment: EnvironmentView }) {
  return (
    <TableCell className="font-medium text-slate-900">
      <Link href={`/environments/${environment.id}`} className="text-indigo-700 hover:underline">
        {environment.name}
      </Link>
      <span className="ml-2 inline-flex gap-1 align-middle">
        {environment.isProduction && <Badge tone="warning">production</Badge>}
        {!environment.isProduction && environment.protected && <Badge>protected</Badge>}
      </span>
    </TableCell>
  );
}

/** Environments with who owns them, why they exist, when they go and what they cost. */
export function EnvironmentTable({ environments, deltaEngineIds, now, caption, showTeam = true }: EnvironmentTableProps) {
  return (
    <Table>
      <TableCaption>{caption}</TableCaption>
      <TableHead>
        <TableRow>
          <TableHeaderCell>Environment</TableHeaderCell>
          {showTeam && <TableHeaderCell>Team</TableHeaderCell>}
          <TableHeaderCell>Purpose</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Expires</TableHeaderCell>
          <TableHeaderCell className="text-right">Logical size</TableHeaderCell>
          <TableHeaderCell className="text-right">Own delta</TableHeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {environments.map((environment) => (
          <TableRow key={environment.id}>
            <NameCell environment={environment} />
            {showTeam && <TableCell>{environment.team?.displayName ?? <span className="text-slate-500">Organisation</span>}</TableCell>}
            <TableCell title={environment.purpose}>
              <span className="block max-w-72 truncate">{environment.purpose}</span>
            </TableCell>
            <TableCell>
              <StatusBadge status={environment.status} title={environment.statusMessage ?? environment.lastError ?? undefined} />
            </TableCell>
            <TableCell title={environment.expiresAt ? formatTimestamp(environment.expiresAt) : undefined}>
              {formatExpiry(environment.expiresAt, now)}
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatBytes(environment.logicalBytes)}</TableCell>
            <TableCell className="text-right tabular-nums">
              <OwnDelta environment={environment} reported={deltaEngineIds.includes(environment.engineId)} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
