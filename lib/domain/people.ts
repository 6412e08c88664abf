import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { endUserSessions } from '@/lib/auth/session-version';
import { AppError, conflict, forbidden, notFound, validation } from '@/lib/errors';
import type { TeamRole } from '@/lib/generated/prisma/client';
import { parseOrThrow } from '@/lib/validations/parse';
import { addMemberSchema, changePasswordSchema, removeMemberSchema, setMemberRoleSchema } from '@/lib/validations/people';
import { isAdminActor } from './access';
import type { Actor } from './actor';
import { type AuditTarget, audited } from './audit';
import type { DomainContext } from './context';
import { noteTokensOf } from './token-rights';

/**
 * Accounts and team membership: a user changes their own password; administrators add
 * people to teams, change their role and remove them. Losing rights ends the person's
 * sessions at once (their next request finds them signed out), so a page left open or a
 * copied cookie cannot keep using the old role, and what their API tokens lost is recorded.
 */

async function requireAdminUser(context: DomainContext, actor: Actor): Promise<void> {
  if (actor.kind !== 'user' || !(await isAdminActor(context, actor))) throw forbidden('Only an administrator can change team membership.');
}

async function membershipOrThrow(context: DomainContext, teamId: string, userId: string) {
  const membership = await context.prisma.membership.findUnique({
    where: { userId_teamId: { userId, teamId } },
    include: { user: { select: { email: true } }, team: { select: { name: true } } },
  });
  if (!membership) throw notFound('That person is not in this team.');
  return membership;
}

/** Changes the user's own password after checking the current one; every session, this one included, ends. */
export async function changeOwnPassword(context: DomainContext, actor: Actor, rawInput: unknown): Promise<void> {
  if (actor.kind !== 'user') throw forbidden('Passwords are changed by their owner, signed in.');
  const target: AuditTarget = { type: 'user', name: actor.label };
  await audited(context, actor, 'user.password_change', target, async () => {
    const input = parseOrThrow(changePasswordSchema, rawInput);
    const user = await context.prisma.user.findUnique({ where: { id: actor.userId } });
    if (!user) throw new AppError('UNAUTHENTICATED', 'Your account no longer exists. Sign in again.');
    if (!user.passwordHash) throw validation('This account signs in through single sign-on; its password is managed there.');
    if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
      throw validation('The current password is wrong.', { currentPassword: ['The current password is wrong.'] });
    }
    const passwordHash = await hashPassword(input.newPassword);
    await context.prisma.$transaction(async (transaction) => {
      await transaction.user.update({ where: { id: user.id }, data: { passwordHash } });
      await endUserSessions(transaction, user.id);
    });
  });
}

/** Makes a member a lead or a lead a member; a demotion ends the person's sessions. */
export async function setMemberRole(context: DomainContext, actor: Actor, rawInput: unknown): Promise<TeamRole> {
  const input = parseOrThrow(setMemberRoleSchema, rawInput);
  const membership = await membershipOrThrow(context, input.teamId, input.userId);
  const target: AuditTarget = { type: 'user', name: membership.user.email, teamId: input.teamId };
  return audited(
    context,
    actor,
    'membership.update',
    target,
    async () => {
      await requireAdminUser(context, actor);
      if (membership.role === input.role) return input.role;
      await context.prisma.$transaction(async (transaction) => {
        await transaction.membership.update({ where: { id: membership.id }, data: { role: input.role } });
        if (input.role === 'member') await endUserSessions(transaction, input.userId);
      });
      await noteTokensOf(context, input.userId);
      return input.role;
    },
    { team: membership.team.name, from: membership.role, to: input.role },
  );
}

/** Takes a person out of a team; their sessions end. */
export async function removeMember(context: DomainContext, actor: Actor, rawInput: unknown): Promise<void> {
  const input = parseOrThrow(removeMemberSchema, rawInput);
  const membership = await membershipOrThrow(context, input.teamId, input.userId);
  const target: AuditTarget = { type: 'user', name: membership.user.email, teamId: input.teamId };
  await audited(
    context,
    actor,
    'membership.remove',
    target,
    async () => {
      await requireAdminUser(context, actor);
      await context.prisma.$transaction(async (transaction) => {
        await transaction.membership.delete({ where: { id: membership.id } });
        await endUserSessions(transaction, input.userId);
      });
      await noteTokensOf(context, input.userId);
    },
    { team: membership.team.name, role: membership.role },
  );
}

/** Adds an existing account (by email) to a team. */
export async function addMember(context: DomainContext, actor: Actor, rawInput: unknown): Promise<void> {
  const input = parseOrThrow(addMemberSchema, rawInput);
  const target: AuditTarget = { type: 'user', name: input.email, teamId: input.teamId };
  await audited(
    context,
    actor,
    'membership.add',
    target,
    async () => {
      await requireAdminUser(context, actor);
      const user = await context.prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
      if (!user) throw notFound('Nobody has an account with that email; they appear once they have signed in.');
      const existing = await context.prisma.membership.findUnique({ where: { userId_teamId: { userId: user.id, teamId: input.teamId } } });
      if (existing) throw conflict('That person is already in this team.', 'email');
      await context.prisma.membership.create({ data: { userId: user.id, teamId: input.teamId, role: input.role } });
      await noteTokensOf(context, user.id);
    },
    { role: input.role },
  );
}
