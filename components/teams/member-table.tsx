import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import type { TeamDetail } from '@/lib/domain/teams';

export function MemberTable({ members, teamName }: { members: TeamDetail['members']; teamName: string }) {
  if (members.length === 0) return <p className="px-5 py-4 text-sm text-slate-600">Nobody is in this team yet.</p>;
  return (
    <Table>
      <TableCaption>Members of {teamName}</TableCaption>
      <TableHead>
        <TableRow>
          <TableHeaderCell>Name</TableHeaderCell>
          <TableHeaderCell>Email</TableHeaderCell>
          <TableHeaderCell>Role</TableHeaderCell>
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
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
