import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import type { TokenOwnerCandidate } from '@/lib/domain/token-admin';
import type { TokenView } from '@/lib/domain/tokens';
import { formatTimestamp } from '@/lib/format/time';
import { ReassignTokenButton } from './reassign-token-button';
import { RevokeTokenButton } from './revoke-token-button';

const STATUS_TONE: Record<TokenView['status'], BadgeTone> = { active: 'success', expired: 'neutral', revoked: 'danger' };

function when(iso: string | null, fallback: string): string {
  return iso ? formatTimestamp(iso) : fallback;
}

export interface TokenTableProps {
  tokens: TokenView[];
  /** For administrators: who each team's tokens may be reassigned to, by team id. */
  ownerCandidates?: Record<string, TokenOwnerCandidate[]>;
}

export function TokenTable({ tokens, ownerCandidates }: TokenTableProps) {
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
          <TableHeaderCell>Expires</TableHeaderCell>
          <TableHeaderCell>Last used</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>
            <span className="sr-only">Actions</span>
          </TableHeaderCell>
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
                {token.permissions.map((permission) =>
                  token.effectivePermissions.includes(permission) ? (
                    <Badge key={permission}>{permission}</Badge>
                  ) : (
                    <Badge key={permission} tone="warning">
                      <s>{permission}</s>
                      <span className="sr-only"> (no longer allowed)</span>
                    </Badge>
                  ),
                )}
              </span>
              {token.restriction && token.status === 'active' && (
                <span className="mt-1 block max-w-56 text-xs text-amber-800">Restricted: {token.restriction}.</span>
              )}
            </TableCell>
            <TableCell>{when(token.expiresAt, 'never')}</TableCell>
            <TableCell>{when(token.lastUsedAt, 'never used')}</TableCell>
            <TableCell>
              <Badge tone={STATUS_TONE[token.status]}>{token.status}</Badge>
            </TableCell>
            <TableCell className="text-right">
              {token.status === 'active' && token.restriction && ownerCandidates?.[token.team.id] && (
                <ReassignTokenButton tokenId={token.id} name={token.name} candidates={ownerCandidates[token.team.id]!} />
              )}
              {token.status === 'active' && <RevokeTokenButton tokenId={token.id} name={token.name} prefix={token.prefix} />}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
