import type { TeamRole } from '@/lib/generated/prisma/enums';

/** The seed tutorial's teams: data science, QA and dev, each keeping clones a week by default. */
export const DEMO_TEAMS = [
  { name: 'data-science', displayName: 'Data science' },
  { name: 'qa', displayName: 'QA' },
  { name: 'dev', displayName: 'Dev' },
] as const;

export const DEMO_DEFAULT_TTL_HOURS = 7 * 24;

export type DemoTeamName = (typeof DEMO_TEAMS)[number]['name'];

export interface DemoUser {
  email: string;
  name: string;
  isAdmin: boolean;
  membership?: { team: DemoTeamName; role: TeamRole };
}

export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'admin@clonedeck.local', name: 'Admin', isAdmin: true },
  { email: 'lead.ds@clonedeck.local', name: 'Data science lead', isAdmin: false, membership: { team: 'data-science', role: 'lead' } },
  { email: 'lead.qa@clonedeck.local', name: 'QA lead', isAdmin: false, membership: { team: 'qa', role: 'lead' } },
  { email: 'qa@clonedeck.local', name: 'QA engineer', isAdmin: false, membership: { team: 'qa', role: 'member' } },
  { email: 'lead.dev@clonedeck.local', name: 'Dev lead', isAdmin: false, membership: { team: 'dev', role: 'lead' } },
];

/** How a demo user's position reads in the start-up box. */
export function describeDemoUser(user: DemoUser): string {
  if (user.isAdmin) return 'admin';
  if (!user.membership) return 'no team';
  return `${user.membership.role} of ${user.membership.team}`;
}
