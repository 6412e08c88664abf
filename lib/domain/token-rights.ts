import type { ApiToken } from '@/lib/generated/prisma/client';
import { creatorMay, type Need, productionRestrictionReason, tokenRestrictionReason } from './access';
import { ALL_TOKEN_PERMISSIONS, SYSTEM_ACTOR, type TokenCreator, type TokenPermission } from './actor';
import { recordAudit } from './audit';
import type { DomainContext } from './context';

/**
 * What a token can still do: its permissions, less what its creator may no longer do in the
 * token's team. When that shrinks (a demotion, a removal), the audit log records it once —
 * at the role change, or at the token's next use if the change came another way.
 */

export interface TokenRights {
  effective: TokenPermission[];
  lost: TokenPermission[];
  /** Why some are lost; null when none are. */
  reason: string | null;
}

/** The operation each permission is named after (reset also covers restore, which needs a lead); production needs an admin. */
const PRIMARY_NEED: Record<Exclude<TokenPermission, 'production'>, Need> = {
  read: 'read',
  provision: 'provision',
  reset: 'reset',
  drop: 'drop',
  snapshot: 'snapshot',
};

const creatorKeeps = (creator: TokenCreator, teamId: string, permission: TokenPermission) =>
  permission === 'production' ? creator.isAdmin : creatorMay(creator, teamId, PRIMARY_NEED[permission]);

export function tokenRights(permissions: readonly TokenPermission[], creator: TokenCreator, teamId: string): TokenRights {
  const effective = permissions.filter((permission) => creatorKeeps(creator, teamId, permission));
  const lost = permissions.filter((permission) => !effective.includes(permission));
  const teamLost = lost.some((permission) => permission !== 'production');
  const reason = teamLost ? tokenRestrictionReason(creator) : lost.length > 0 ? productionRestrictionReason(creator) : null;
  return { effective, lost, reason };
}

export async function loadTokenCreator(context: DomainContext, createdById: string, teamId: string): Promise<TokenCreator> {
  const user = await context.prisma.user.findUnique({
    where: { id: createdById },
    select: { email: true, isAdmin: true, memberships: { where: { teamId }, select: { role: true } } },
  });
  if (!user) return { email: '(deleted user)', isAdmin: false, role: null };
  return { email: user.email, isAdmin: user.isAdmin, role: user.memberships[0]?.role ?? null };
}

type NoticedToken = Pick<ApiToken, 'id' | 'name' | 'prefix' | 'teamId' | 'restrictionNotice'>;

/**
 * Records a new restriction once (compare-and-set on the notice, so concurrent requests and
 * replicas record it once); a token whose creator regained the rights is marked unrestricted.
 */
export async function noteTokenRestriction(
  context: DomainContext,
  token: NoticedToken,
  creator: TokenCreator,
  rights: TokenRights,
): Promise<void> {
  const notice = rights.lost.length > 0 ? `${creator.role ?? 'outside'}:${rights.lost.join(',')}` : null;
  if (notice === token.restrictionNotice) return;
  const changed = await context.prisma.apiToken.updateMany({
    where: { id: token.id, restrictionNotice: token.restrictionNotice },
    data: { restrictionNotice: notice },
  });
  if (changed.count !== 1 || notice === null) return;
  const target = { type: 'token' as const, name: token.name, teamId: token.teamId };
  const details = {
    prefix: token.prefix,
    creator: creator.email,
    lost: rights.lost.join(','),
    stillAllowed: rights.effective.join(','),
    reason: rights.reason ?? '',
  };
  await recordAudit(context, SYSTEM_ACTOR, 'token.restrict', target, { ok: true }, details);
}

/** After a person's role changed: records what each of their live tokens lost. */
export async function noteTokensOf(context: DomainContext, userId: string): Promise<void> {
  const tokens = await context.prisma.apiToken.findMany({ where: { createdById: userId, revokedAt: null } });
  for (const token of tokens) {
    const creator = await loadTokenCreator(context, userId, token.teamId);
    const permissions = token.permissions.filter((permission): permission is TokenPermission =>
      (ALL_TOKEN_PERMISSIONS as readonly string[]).includes(permission),
    );
    await noteTokenRestriction(context, token, creator, tokenRights(permissions, creator, token.teamId));
  }
}
