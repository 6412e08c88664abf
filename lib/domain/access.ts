import { AppError, forbidden, notFound } from '@/lib/errors';
import type { TeamRole } from '@/lib/generated/prisma/enums';
import { type Actor, PRODUCTION_PERMISSION, type TokenCreator, type TokenPermission } from './actor';
import type { DomainContext } from './context';

/**
 * The one authorization policy: what each actor (user, API token, the server itself) may do
 * to a team's objects or to production. Domain services ask it (`authorize`, `denial`); pages
 * ask it for which buttons to show; nothing else decides.
 */

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
  if (teamId === null) return productionTokenDenial(actor, need);
  if (teamId !== actor.teamId) return notFound('Not found.');
  const permission = TOKEN_PERMISSION_FOR[need];
  if (!actor.permissions.includes(permission)) return forbidden(`This token lacks the "${permission}" permission.`);
  if (!creatorMay(actor.creator, teamId, need))
    return forbidden(`This token can no longer ${NEED_TEXT[need]} this: ${tokenRestrictionReason(actor.creator)}.`);
  return null;
}

/** What a token with the "production" permission may do to production: what an admin does before and after an upgrade. */
const PRODUCTION_TOKEN_NEEDS: ReadonlySet<Need> = new Set(['read', 'connect', 'snapshot', 'restore']);

/**
 * Every token sees production. Snapshotting it, restoring it (with its name typed) and
 * connecting read-write need the "production" permission, which only an administrator can
 * give, and lapse when the creator is no longer one; plus the permission the need asks for.
 */
function productionTokenDenial(actor: Extract<Actor, { kind: 'token' }>, need: Need): AppError | null {
  if (need === 'read') return null;
  if (!PRODUCTION_TOKEN_NEEDS.has(need)) return forbidden(`An API token cannot ${NEED_TEXT[need]} production.`);
  if (!actor.permissions.includes(PRODUCTION_PERMISSION)) return forbidden(`This token lacks the "production" permission.`);
  const permission = TOKEN_PERMISSION_FOR[need];
  if (!actor.permissions.includes(permission)) return forbidden(`This token lacks the "${permission}" permission.`);
  if (!actor.creator.isAdmin)
    return forbidden(`This token can no longer ${NEED_TEXT[need]} production: ${productionRestrictionReason(actor.creator)}.`);
  return null;
}

/** Whether the actor may change production's data (read-write connections, console writes). */
export function mayWriteProduction(standing: Standing): boolean {
  if (standing.kind === 'system') return true;
  if (standing.kind === 'token') return productionTokenDenial(standing, 'restore') === null;
  return standing.isAdmin;
}

export const productionRestrictionReason = (creator: TokenCreator) => `its creator ${creator.email} is no longer an administrator`;

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

/** What a user is with respect to one team, for rules stated in roles (team pages, token management). */
export interface TeamStanding {
  isAdmin: boolean;
  /** The user's role in the team, or null when not a member. */
  role: TeamRole | null;
}

const RANK: Record<TeamRole, number> = { member: 1, lead: 2 };

export function roleSatisfies(held: TeamRole | null, required: TeamRole): boolean {
  return held !== null && RANK[held] >= RANK[required];
}

/** `not_visible` rather than `forbidden` for outsiders, so a team's existence is not revealed. */
export function decideTeamAccess(standing: TeamStanding, required: TeamRole): 'allowed' | 'forbidden' | 'not_visible' {
  if (standing.isAdmin || roleSatisfies(standing.role, required)) return 'allowed';
  return standing.role !== null ? 'forbidden' : 'not_visible';
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
