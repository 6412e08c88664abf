import { AppError, conflict, forbidden, notFound } from '@/lib/errors';
import type { ApiToken, Prisma } from '@/lib/generated/prisma/client';
import { decideTeamAccess, isAdminActor } from './access';
import { createTokenSchema } from '@/lib/validations/tokens';
import { parseOrThrow } from '@/lib/validations/parse';
import { type Actor, ALL_TOKEN_PERMISSIONS, PRODUCTION_PERMISSION, type TokenCreator, type TokenPermission } from './actor';
import { type AuditTarget, audited, recordAudit } from './audit';
import type { DomainContext } from './context';
import { tokenRights } from './token-rights';
import { generateToken } from './tokens-secret';

const DAY_MS = 86_400_000;

/** A token as the tokens page shows it: never its hash. */
export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  team: { id: string; name: string; displayName: string };
  permissions: TokenPermission[];
  /** What the token can still do: its permissions within what its creator may do now. */
  effectivePermissions: TokenPermission[];
  /** Why it does less than its permissions say (the creator was demoted or left the team); null otherwise. */
  restriction: string | null;
  createdBy: string;
  createdById: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
}

export interface CreatedToken {
  token: TokenView;
  /** The token itself: shown once, stored nowhere. */
  plaintext: string;
}

export const TOKEN_INCLUDE = {
  team: { select: { id: true, name: true, displayName: true } },
  createdBy: { select: { email: true, isAdmin: true, memberships: { select: { teamId: true, role: true } } } },
} as const;

type TokenRow = Prisma.ApiTokenGetPayload<{ include: typeof TOKEN_INCLUDE }>;

/** Permissions as stored, keeping only known ones (an unknown string grants nothing). */
export function tokenPermissions(row: Pick<ApiToken, 'permissions'>): TokenPermission[] {
  return ALL_TOKEN_PERMISSIONS.filter((permission) => row.permissions.includes(permission));
}

export function tokenStatus(row: Pick<ApiToken, 'revokedAt' | 'expiresAt'>, now: Date): TokenView['status'] {
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt && row.expiresAt <= now) return 'expired';
  return 'active';
}

export function toTokenView(row: TokenRow, now: Date): TokenView {
  const { email, isAdmin, memberships } = row.createdBy;
  const creator: TokenCreator = { email, isAdmin, role: memberships.find((membership) => membership.teamId === row.teamId)?.role ?? null };
  const rights = tokenRights(tokenPermissions(row), creator, row.teamId);
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    team: row.team,
    permissions: tokenPermissions(row),
    effectivePermissions: rights.effective,
    restriction: rights.reason,
    createdBy: email,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    status: tokenStatus(row, now),
  };
}

/**
 * Tokens are managed by signed-in people, never by a token: a lead for their team, or an
 * admin. Outsiders get NOT_FOUND (the team stays invisible), members FORBIDDEN.
 */
export async function assertTokenManager(context: DomainContext, actor: Actor, teamId: string): Promise<string> {
  if (actor.kind !== 'user') throw forbidden('API tokens are managed by signed-in users, not by tokens.');
  const user = await context.prisma.user.findUnique({
    where: { id: actor.userId },
    select: { isAdmin: true, memberships: { where: { teamId }, select: { role: true } } },
  });
  if (!user) throw new AppError('UNAUTHENTICATED', 'Your account no longer exists. Sign in again.');
  const access = decideTeamAccess({ isAdmin: user.isAdmin, role: user.memberships[0]?.role ?? null }, 'lead');
  if (access === 'not_visible') throw notFound('Team not found.');
  if (access === 'forbidden') throw forbidden('Only a lead of the team or an administrator can manage its API tokens.');
  return actor.userId;
}

/** Creates a token for a team; the plaintext is in the result and nowhere else. */
export async function createToken(context: DomainContext, actor: Actor, rawInput: unknown): Promise<CreatedToken> {
  let target: AuditTarget = { type: 'token', name: String((rawInput as { name?: unknown })?.name ?? '') };
  try {
    const input = parseOrThrow(createTokenSchema, rawInput);
    target = { type: 'token', name: input.name, teamId: input.teamId };
    const team = await context.prisma.team.findUnique({ where: { id: input.teamId }, select: { id: true } });
    if (!team) throw notFound('Team not found.');
    const createdById = await assertTokenManager(context, actor, team.id);
    if (input.permissions.includes(PRODUCTION_PERMISSION) && !(await isAdminActor(context, actor))) {
      throw forbidden('Only an administrator can give a token the "production" permission.');
    }
    const secret = generateToken();
    const now = context.now();
    const row = await context.prisma.apiToken.create({
      data: {
        teamId: team.id,
        name: input.name,
        permissions: input.permissions,
        tokenHash: secret.hash,
        prefix: secret.prefix,
        createdById,
        createdAt: now,
        expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
      },
      include: TOKEN_INCLUDE,
    });
    const details = { prefix: row.prefix, permissions: input.permissions.join(','), expiresAt: row.expiresAt?.toISOString() ?? '' };
    await recordAudit(context, actor, 'token.create', target, { ok: true }, details);
    return { token: toTokenView(row, now), plaintext: secret.plaintext };
  } catch (error) {
    await recordAudit(context, actor, 'token.create', target, { ok: false, error });
    throw error;
  }
}

/** Admins see every token; others the tokens of teams they lead and the ones they made. */
export async function listTokens(context: DomainContext, actor: Actor): Promise<TokenView[]> {
  if (actor.kind !== 'user') return [];
  const user = await context.prisma.user.findUnique({
    where: { id: actor.userId },
    select: { isAdmin: true, memberships: { where: { role: 'lead' }, select: { teamId: true } } },
  });
  if (!user) return [];
  const where: Prisma.ApiTokenWhereInput = user.isAdmin
    ? {}
    : { OR: [{ teamId: { in: user.memberships.map((membership) => membership.teamId) } }, { createdById: actor.userId }] };
  const rows = await context.prisma.apiToken.findMany({
    where,
    include: TOKEN_INCLUDE,
    orderBy: [{ revokedAt: 'asc' }, { createdAt: 'desc' }],
  });
  const now = context.now();
  return rows.map((row) => toTokenView(row, now));
}

/** The teams the actor may create tokens for: all for admins, the teams they lead otherwise. */
export async function listTokenTeams(
  context: DomainContext,
  actor: Actor,
): Promise<Array<{ id: string; name: string; displayName: string }>> {
  if (actor.kind !== 'user') return [];
  const user = await context.prisma.user.findUnique({ where: { id: actor.userId }, select: { isAdmin: true } });
  if (!user) return [];
  return context.prisma.team.findMany({
    where: user.isAdmin ? {} : { memberships: { some: { userId: actor.userId, role: 'lead' } } },
    select: { id: true, name: true, displayName: true },
    orderBy: { name: 'asc' },
  });
}

/** Revokes at once (the next request with it gets 401). Its creator may revoke it too. */
export async function revokeToken(context: DomainContext, actor: Actor, tokenId: string): Promise<TokenView> {
  const row = await context.prisma.apiToken.findUnique({ where: { id: tokenId }, include: TOKEN_INCLUDE });
  const target: AuditTarget = row ? { type: 'token', name: row.name, teamId: row.teamId } : { type: 'token', name: tokenId };
  return audited(
    context,
    actor,
    'token.revoke',
    target,
    async () => {
      if (!row) throw notFound('That token does not exist.');
      const ownToken = actor.kind === 'user' && actor.userId === row.createdById;
      if (!ownToken) await assertTokenManager(context, actor, row.teamId);
      if (row.revokedAt) throw conflict(`Token ${row.name} was already revoked.`);
      const revoked = await context.prisma.apiToken.update({
        where: { id: row.id },
        data: { revokedAt: context.now() },
        include: TOKEN_INCLUDE,
      });
      return toTokenView(revoked, context.now());
    },
    { prefix: row?.prefix ?? '' },
  );
}
