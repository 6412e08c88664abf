import type { TeamRole } from '@/lib/generated/prisma/enums';

/**
 * The role rules, as pure functions (see DESIGN.md "Roles"): an admin may do everything;
 * a lead may do what a member may, and more; someone outside a team cannot even see it.
 */
export type { TeamRole };

/** What a user is with respect to one team, as loaded from the database. */
export interface TeamStanding {
  isAdmin: boolean;
  /** The user's role in the team, or null when not a member. */
  role: TeamRole | null;
}

export type TeamAccess = 'allowed' | 'forbidden' | 'not_visible';

const RANK: Record<TeamRole, number> = { member: 1, lead: 2 };

export function roleSatisfies(held: TeamRole | null, required: TeamRole): boolean {
  return held !== null && RANK[held] >= RANK[required];
}

export function canSeeTeamWith(standing: TeamStanding): boolean {
  return standing.isAdmin || standing.role !== null;
}

/** `not_visible` rather than `forbidden` for outsiders, so a team's existence is not revealed. */
export function decideTeamAccess(standing: TeamStanding, required: TeamRole): TeamAccess {
  if (standing.isAdmin || roleSatisfies(standing.role, required)) return 'allowed';
  return canSeeTeamWith(standing) ? 'forbidden' : 'not_visible';
}
