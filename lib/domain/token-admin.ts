import { forbidden, notFound, validation } from '@/lib/errors';
import { parseOrThrow } from '@/lib/validations/parse';
import { reassignTokenSchema } from '@/lib/validations/tokens';
import { isAdminActor } from './access';
import type { Actor } from './actor';
import { type AuditTarget, audited } from './audit';
import type { DomainContext } from './context';
import { loadTokenCreator, noteTokenRestriction, tokenRights } from './token-rights';
import { TOKEN_INCLUDE, tokenPermissions, type TokenView, toTokenView } from './tokens';

/**
 * What administrators do with the tokens of people who left a team or lost its lead role:
 * revoke them (revokeToken), or hand them to someone who may do what they allow, so a
 * pipeline keeps running without its secret being replaced.
 */

export interface TokenOwnerCandidate {
  id: string;
  email: string;
}

async function requireAdmin(context: DomainContext, actor: Actor): Promise<void> {
  if (actor.kind !== 'user' || !(await isAdminActor(context, actor))) throw forbidden('Only an administrator can reassign API tokens.');
}

/** Gives the token to `userId`, who must be an administrator or a lead of the token's team. */
export async function reassignToken(context: DomainContext, actor: Actor, rawInput: unknown): Promise<TokenView> {
  const input = parseOrThrow(reassignTokenSchema, rawInput);
  const row = await context.prisma.apiToken.findUnique({ where: { id: input.tokenId }, include: TOKEN_INCLUDE });
  const target: AuditTarget = row ? { type: 'token', name: row.name, teamId: row.teamId } : { type: 'token', name: input.tokenId };
  return audited(
    context,
    actor,
    'token.reassign',
    target,
    async () => {
      await requireAdmin(context, actor);
      if (!row) throw notFound('That token does not exist.');
      if (row.revokedAt) throw validation('A revoked token cannot be reassigned.');
      const owner = await loadTokenCreator(context, input.userId, row.teamId);
      if (!owner.isAdmin && owner.role !== 'lead') {
        throw validation('Give the token to a lead of its team or an administrator: anyone else could not use it fully.', {
          userId: ['Not a lead of the team.'],
        });
      }
      const updated = await context.prisma.apiToken.update({
        where: { id: row.id },
        data: { createdById: input.userId },
        include: TOKEN_INCLUDE,
      });
      await noteTokenRestriction(context, updated, owner, tokenRights(tokenPermissions(updated), owner, updated.teamId));
      return toTokenView(await context.prisma.apiToken.findUniqueOrThrow({ where: { id: row.id }, include: TOKEN_INCLUDE }), context.now());
    },
    { prefix: row?.prefix ?? '', from: row?.createdBy.email ?? '', to: input.userId },
  );
}

/** For administrators: who each team's tokens may be handed to (its leads, and every administrator). */
export async function listTokenOwnerCandidates(context: DomainContext, actor: Actor): Promise<Record<string, TokenOwnerCandidate[]>> {
  if (actor.kind !== 'user' || !(await isAdminActor(context, actor))) return {};
  const [admins, leads] = await Promise.all([
    context.prisma.user.findMany({ where: { isAdmin: true }, select: { id: true, email: true }, orderBy: { email: 'asc' } }),
    context.prisma.membership.findMany({ where: { role: 'lead' }, select: { teamId: true, user: { select: { id: true, email: true } } } }),
  ]);
  const teams = await context.prisma.team.findMany({ select: { id: true } });
  return Object.fromEntries(
    teams.map((team) => {
      const teamLeads = leads.filter((lead) => lead.teamId === team.id).map((lead) => lead.user);
      const unique = new Map([...teamLeads, ...admins].map((user) => [user.id, user]));
      return [team.id, [...unique.values()].sort((left, right) => left.email.localeCompare(right.email))];
    }),
  );
}
