import { describe, expect, it } from 'vitest';
import { decideTeamAccess, roleSatisfies, type TeamStanding } from './access';

const outsider: TeamStanding = { isAdmin: false, role: null };
const member: TeamStanding = { isAdmin: false, role: 'member' };
const lead: TeamStanding = { isAdmin: false, role: 'lead' };
const admin: TeamStanding = { isAdmin: true, role: null };

describe('team role rules', () => {
  it('lets a lead do what a member may, but not the reverse', () => {
    expect(roleSatisfies('lead', 'member')).toBe(true);
    expect(roleSatisfies('lead', 'lead')).toBe(true);
    expect(roleSatisfies('member', 'member')).toBe(true);
    expect(roleSatisfies('member', 'lead')).toBe(false);
    expect(roleSatisfies(null, 'member')).toBe(false);
  });

  it('lets an admin through everything, member of the team or not', () => {
    expect(decideTeamAccess(admin, 'lead')).toBe('allowed');
    expect(decideTeamAccess({ isAdmin: true, role: 'member' }, 'lead')).toBe('allowed');
  });

  it('forbids a member what needs a lead, and hides the team from outsiders', () => {
    expect(decideTeamAccess(member, 'member')).toBe('allowed');
    expect(decideTeamAccess(member, 'lead')).toBe('forbidden');
    expect(decideTeamAccess(lead, 'lead')).toBe('allowed');
    expect(decideTeamAccess(outsider, 'member')).toBe('not_visible');
    expect(decideTeamAccess(outsider, 'lead')).toBe('not_visible');
  });
});
