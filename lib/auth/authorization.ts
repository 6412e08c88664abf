import { getPrisma } from '@/lib/db/prisma';
import { AppError, forbidden, notFound } from '@/lib/errors';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { canSeeTeamWith, decideTeamAccess, type TeamRole, type TeamStanding } from './roles';

/**
 * Authorization checks for domain services, actions and route handlers. Every call reads
 * the user's admin flag and memberships from the database: a role granted or revoked
 * takes effect on the next request, and nothing is trusted from the session token.
 */

/** Anything that names a user: a CurrentUser, a session user. */
export interface UserRef {
  id: string;
}

const ROLE_NAMES: Record<TeamRole, string> = { lead: 'team lead', member: 'team member' };

function userGone(): AppError {
  return new AppError('UNAUTHENTICATED', 'Your account no longer exists. Sign in again.');
}

async function loadStanding(user: UserRef, teamId: string, prisma: PrismaClient): Promise<TeamStanding> {
  const row = await prisma.user.findUnique({
    where: { id: user.id },
    select: { isAdmin: true, memberships: { where: { teamId }, select: { role: true } } },
  });
  if (!row) throw userGone();
  return { isAdmin: row.isAdmin, role: row.memberships[0]?.role ?? null };
}

export async function isAdmin(user: UserRef, prisma: PrismaClient = getPrisma()): Promise<boolean> {
  const row = await prisma.user.findUnique({ where: { id: user.id }, select: { isAdmin: true } });
  return row?.isAdmin ?? false;
}

export async function requireAdmin(user: UserRef, prisma: PrismaClient = getPrisma()): Promise<void> {
  if (!(await isAdmin(user, prisma))) throw forbidden('Only an administrator can do this.');
}

export async function canSeeTeam(user: UserRef, teamId: string, prisma: PrismaClient = getPrisma()): Promise<boolean> {
  return canSeeTeamWith(await loadStanding(user, teamId, prisma));
}

/**
 * Throws unless the user holds `role` (or better) in the team, or is an admin:
 * NOT_FOUND for outsiders (the team stays invisible), FORBIDDEN for members lacking the role.
 */
export async function requireTeamRole(user: UserRef, teamId: string, role: TeamRole, prisma: PrismaClient = getPrisma()): Promise<void> {
  const access = decideTeamAccess(await loadStanding(user, teamId, prisma), role);
  if (access === 'not_visible') throw notFound('Team not found.');
  if (access === 'forbidden') throw forbidden(`This needs a ${ROLE_NAMES[role]} of the team.`);
}

/** Teams whose environments the user may list: 'all' for admins. */
export async function visibleTeamIds(user: UserRef, prisma: PrismaClient = getPrisma()): Promise<string[] | 'all'> {
  const row = await prisma.user.findUnique({
    where: { id: user.id },
    select: { isAdmin: true, memberships: { select: { teamId: true } } },
  });
  if (!row) throw userGone();
  return row.isAdmin ? 'all' : row.memberships.map((membership) => membership.teamId);
}
