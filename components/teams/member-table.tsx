import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import type { TeamDetail } from '@/lib/domain/teams';
import { MemberActions } from './member-actions';

export interface MemberTableProps {
  members: TeamDetail['members'];
  teamName: string;
  /** Set for administrators: the team whose members they may change. */
  manageTeamId?: string;
}

export function MemberTable({ members, teamName, manageTeamId }: MemberTableProps) {
  if (members.length === 0) return <p className="px-5 py-4 text-sm text-slate-600">Nobody is in this team yet.</p>;
  return (
    <Table>
      <TableCaption>Members of {teamName}</TableCaption>
      <TableHead>
        <TableRow>
          <TableHeaderCell>Name</TableHeaderCell>
          <TableHeaderCell>Email</TableHeaderCell>
          <TableHeaderCell>Role</TableHeaderCell>
          {manageTeamId && (
            <TableHeaderCell>
              <span className="sr-only">Actions</span>
            </TableHeaderCell>
          )}
        </TableRow>
      </TableHead>
      <TableBody>
        {members.map((member) => (
          <TableRow key={member.userId}>
            <TableCell className="font-medium text-slate-900">{member.name}</TableCell>
            <TableCell>{member.email}</TableCell>
            <TableCell>
              <Badge tone={member.role === 'lead' ? 'info' : 'neutral'}>{member.role}</Badge>
            </TableCell>
            {manageTeamId && (
              <TableCell className="text-right">
                <MemberActions teamId={manageTeamId} userId={member.userId} name={member.name} role={member.role} />
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
