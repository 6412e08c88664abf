import type { TeamStorage } from '@/lib/domain/storage';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import { Bytes } from './bytes';

export function TeamStorageTable({ teams, caption }: { teams: TeamStorage[]; caption: string }) {
  if (teams.length === 0) return <p className="text-sm text-slate-600">No team to show.</p>;
  return (
    <Table>
      <TableCaption>{caption}</TableCaption>
      <TableHead>
        <TableRow>
          <TableHeaderCell>Team</TableHeaderCell>
          <TableHeaderCell className="text-right">Environments</TableHeaderCell>
          <TableHeaderCell className="text-right">Logical</TableHeaderCell>
          <TableHeaderCell className="text-right">Own (delta)</TableHeaderCell>
          <TableHeaderCell className="text-right">Frees if dropped</TableHeaderCell>
          <TableHeaderCell className="text-right">Pinned by snapshots</TableHeaderCell>
          <TableHeaderCell className="text-right">Snapshots</TableHeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {teams.map((team) => (
          <TableRow key={team.teamId ?? 'organisation'} data-team={team.name}>
            <TableHeaderCell scope="row" className="font-medium text-slate-900">
              {team.displayName}
            </TableHeaderCell>
            <TableCell className="text-right tabular-nums">{team.environmentCount}</TableCell>
            <TableCell className="text-right">
              <Bytes value={team.logicalBytes} figure="logical" />
            </TableCell>
            <TableCell className="text-right">
              <Bytes value={team.ownBytes} figure="own" />
            </TableCell>
            <TableCell className="text-right">
              <Bytes value={team.freedIfDroppedBytes} figure="freedIfDropped" />
            </TableCell>
            <TableCell className="text-right">
              <Bytes value={team.pinnedBytes} figure="pinned" />
            </TableCell>
            <TableCell className="text-right tabular-nums">{team.snapshotCount}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
