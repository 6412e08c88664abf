import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import type { TokenView } from '@/lib/domain/tokens';
import { RevokeTokenButton } from './revoke-token-button';

const STATUS_TONE: Record<TokenView['status'], BadgeTone> = { active: 'success', expired: 'neutral', revoked: 'danger' };

/** Dates in UTC (the column headers say so), as the API and the CLI print them. */
function when(iso: string | null, fallback: string): string {
  return iso ? iso.slice(0, 16).replace('T', ' ') : fallback;
}

export function TokenTable({ tokens }: { tokens: TokenView[] }) {
  if (tokens.length === 0) return <p className="text-sm text-slate-600">No API tokens yet.</p>;
  return (
    <Table>
      <TableCaption>API tokens</TableCaption>
      <TableHead>
        <TableRow>
          <TableHeaderCell>Name</TableHeaderCell>
          <TableHeaderCell>Team</TableHeaderCell>
          <TableHeaderCell>Prefix</TableHeaderCell>
          <TableHeaderCell>Permissions</TableHeaderCell>
          <TableHeaderCell>Expires (UTC)</TableHeaderCell>
          <TableHeaderCell>Last used (UTC)</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell><span className="sr-only">Actions</span></TableHeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {tokens.map((token) => (
          <TableRow key={token.id}>
            <TableCell className="font-medium text-slate-900">
              {token.name}
              <span className="block text-xs font-normal text-slate-500">by {token.createdBy}</span>
            </TableCell>
            <TableCell>{token.team.displayName}</TableCell>
            <TableCell className="font-mono text-xs">{token.prefix}</TableCell>
            <TableCell>
              <span className="flex max-w-48 flex-wrap gap-1">
                {token.permissions.map((permission) => <Badge key={permission}>{permission}</Badge>)}
              </span>
            </TableCell>
            <TableCell>{when(token.expiresAt, 'never')}</TableCell>
            <TableCell>{when(token.lastUsedAt, 'never used')}</TableCell>
            <TableCell><Badge tone={STATUS_TONE[token.status]}>{token.status}</Badge></TableCell>
            <TableCell className="text-right">
              {token.status === 'active' && <RevokeTokenButton tokenId={token.id} name={token.name} prefix={token.prefix} />}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
