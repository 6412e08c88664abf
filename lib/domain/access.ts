import { AppError, forbidden, notFound } from '@/lib/errors';
import type { Actor, TokenCreator, TokenPermission } from './actor';
import type { DomainContext } from './context';

/**
 * What an actor wants to do to one team's objects (or, with teamId null, to production).
 * `connect` covers the connection string and the SQL console.
 */
export type Need =
  'read' | 'connect' | 'reset' | 'provision' | 'extend' | 'protect' | 'snapshot' | 'restore' | 'drop' | 'rotate' | 'disconnect';

/** Members may look, connect and reset; everything else needs a lead (or an admin). */
const MEMBER_NEEDS: ReadonlySet<Need> = new Set(['read', 'connect', 'reset']);

/** The token permission each need asks for. Restoring rewinds like a reset does. */
const TOKEN_PERMISSION_FOR: Record<Need, TokenPermission> = {
  read: 'read',
  connect: 'read',
  reset: 'reset',
  restore: 'reset',
  provision: 'provision',
  extend: 'provision',
  protect: 'provision',
  snapshot: 'snapshot',
  drop: 'drop',
  rotate: 'provision',
  disconnect: 'reset',
};

const NEED_TEXT: Record<Need, string> = {
  read: 'see',
  connect: 'connect to',
  reset: 'reset',
  provision: 'provision environments for',
  extend: 'extend',
  protect: 'protect',
  snapshot: 'snapshot',
  restore: 'restore',
  drop: 'drop',
  rotate: 'rotate the credentials of',
  disconnect: 'end sessions of',
};

/** Who the actor is with respect to teams, loaded once (one query for a user). */
export type Standing =
  | { kind: 'system' }
  | Extract<Actor, { kind: 'token' }>
  | { kind: 'user'; isAdmin: boolean; roles: ReadonlyMap<string, 'lead' | 'member'> };

export async function loadStanding(context: DomainContext, actor: Actor): Promise<Standing> {
  if (actor.kind !== 'user') return actor;
  const user = await context.prisma.user.findUnique({
    where: { id: actor.userId },
    select: { isAdmin: true, memberships: { select: { teamId: true, role: true } } },
  });
  if (!user) throw accountGone();
  return {
    kind: 'user',
    isAdmin: user.isAdmin,
    roles: new Map(user.memberships.map((membership) => [membership.teamId, membership.role])),
  };
}

/**
 * The decision, without I/O: null when allowed, else the error to throw. Outsiders get
 * NOT_FOUND so other teams' objects stay invisible; production (teamId null) is the
 * organisation's: everyone may look, only admins change it.
 */
export function denial(standing: Standing, teamId: string | null, need: Need): AppError | null {
  if (standing.kind === 'system') return null;
  if (standing.kind === 'token') return tokenDenial(standing, teamId, need);
  if (standing.isAdmin) return null;
  if (teamId === null) {
    return need === 'read' || need === 'connect' ? null : forbidden(`Only an administrator can ${NEED_TEXT[need]} production.`);
  }
  const role = standing.roles.get(teamId);
  if (!role) return notFound('Not found.');
  if (role === 'lead' || MEMBER_NEEDS.has(need)) return null;
  return forbidden(`Team members cannot ${NEED_TEXT[need]} this; ask a team lead.`);
}

/** Throws unless the actor may do `need` to objects of `teamId`. Roles are read from the database on every call. */
export async function authorize(context: DomainContext, actor: Actor, teamId: string | null, need: Need): Promise<void> {
  const refused = denial(await loadStanding(context, actor), teamId, need);
  if (refused) throw refused;
}

/**
 * A token may do what its permissions allow *and* its creator may do today: a lead demoted
 * to member, or gone from the team, takes the token's extra rights along.
 */
function tokenDenial(actor: Extract<Actor, { kind: 'token' }>, teamId: string | null, need: Need): AppError | null {
  if (teamId === null) return need === 'read' ? null : forbidden(`An API token cannot ${NEED_TEXT[need]} production.`);
  if (teamId !== actor.teamId) return notFound('Not found.');
  const permission = TOKEN_PERMISSION_FOR[need];
  if (!actor.permissions.includes(permission)) return forbidden(`This token lacks the "${permission}" permission.`);
  if (!creatorMay(actor.creator, teamId, need))
    return forbidden(`This token can no longer ${NEED_TEXT[need]} this: ${tokenRestrictionReason(actor.creator)}.`);
  return null;
}

/** Whether the token's creator, as they stand today, may do `need` to the team's objects. */
export function creatorMay(creator: TokenCreator, teamId: string, need: Need): boolean {
  const roles = new Map(creator.role ? [[teamId, creator.role]] : []);
  return denial({ kind: 'user', isAdmin: creator.isAdmin, roles }, teamId, need) === null;
}

/** Why a token does less than its permissions say (shown on the Tokens page and in refusals). */
export function tokenRestrictionReason(creator: TokenCreator): string {
  return creator.role === null
    ? `its creator ${creator.email} is no longer in the team`
    : `its creator ${creator.email} is no longer a lead of the team`;
}

/** Teams whose objects the actor can list: 'all' for admins and the system. */
export async function visibleTeams(context: DomainContext, actor: Actor): Promise<string[] | 'all'> {
  if (actor.kind === 'system') return 'all';
  if (actor.kind === 'token') return [actor.teamId];
  const user = await context.prisma.user.findUnique({
    where: { id: actor.userId },
    select: { isAdmin: true, memberships: { select: { teamId: true } } },
  });
  if (!user) throw accountGone();
  return user.isAdmin ? 'all' : user.memberships.map((membership) => membership.teamId);
}

export async function isAdminActor(context: DomainContext, actor: Actor): Promise<boolean> {
  if (actor.kind === 'system') return true;
  if (actor.kind === 'token') return false;
  const user = await context.prisma.user.findUnique({ where: { id: actor.userId }, select: { isAdmin: true } });
  return user?.isAdmin ?? false;
}

function accountGone(): AppError {
  return new AppError('UNAUTHENTICATED', 'Your account no longer exists. Sign in again.');
}
