import { conflict, forbidden, validation } from '@/lib/errors';
import type { Environment } from '@/lib/generated/prisma/client';
import { environmentRefSchema, extendSchema, protectSchema } from '@/lib/validations/environments';
import { isAdminActor } from '../access';
import { getSettings } from '../settings';
import { resolveExpiry } from '../environments/policy';
import type { OperationDefinition } from './definition';
import { resolveExpiryNotices } from '../notifications';
import { environmentTarget, loadEnvironmentSubject, noEngineWork } from './subjects';

type ExtendInput = { environmentId: string; ttlHours: number | null };

/** Sets a new expiry, counted from now, within the same limits as at provisioning. */
export const extendOperation: OperationDefinition<ExtendInput, ExtendInput, Environment, Date | null> = {
  action: 'environment.extend',
  need: 'extend',
  planInput: extendSchema,
  input: extendSchema,
  load: loadEnvironmentSubject,
  target: environmentTarget,
  async check(_context, _actor, environment) {
    if (environment.isProduction || !environment.teamId) throw conflict('Production databases do not expire.');
  },
  plan: (_context, _actor, environment) => noEngineWork(environment),
  async commit(context, actor, { subject: environment, input }) {
    const team = await context.prisma.team.findUniqueOrThrow({ where: { id: environment.teamId! } });
    const expiresAt = await resolveExpiry(context, actor, team, input.ttlHours);
    await context.prisma.$transaction(async (transaction) => {
      await transaction.environment.update({ where: { id: environment.id }, data: { expiresAt } });
      await resolveExpiryNotices(transaction, environment.id, 'extended', context.now());
    });
    return expiresAt;
  },
  details: (input) => ({ ttlHours: String(input.ttlHours) }),
};

type ProtectInput = { environmentId: string; hours: number | null };

/** Protects for `hours` (leads: bounded by the admin's setting), until unprotected (admins, null), or unprotects (0). */
export const protectOperation: OperationDefinition<ProtectInput, ProtectInput, Environment, null> = {
  action: 'environment.protect',
  auditAction: (input) => (input.hours === 0 ? 'environment.unprotect' : 'environment.protect'),
  need: 'protect',
  planInput: protectSchema,
  input: protectSchema,
  load: loadEnvironmentSubject,
  target: environmentTarget,
  async check(context, actor, environment, input) {
    if (environment.isProduction) throw conflict('Production is always protected.');
    const admin = await isAdminActor(context, actor);
    const { maxLeadProtectHours } = await getSettings(context);
    if (input.hours === null && !admin) throw forbidden('Only an administrator can protect without an end date.');
    if (input.hours !== null && input.hours > maxLeadProtectHours && !admin) {
      const message = `Leads can protect for at most ${maxLeadProtectHours} hours at a time.`;
      throw validation(message, { hours: [message] });
    }
  },
  plan: (_context, _actor, environment) => noEngineWork(environment),
  async commit(context, _actor, { subject: environment, input }) {
    const protectedFor = protection(input.hours, context.now());
    await context.prisma.environment.update({ where: { id: environment.id }, data: protectedFor });
    if (protectsThroughExpiry(protectedFor, environment.expiresAt)) {
      await resolveExpiryNotices(context.prisma, environment.id, 'protected', context.now());
    }
    return null;
  },
  details: (input) => ({ hours: String(input.hours) }),
};

/** Protected at least until it expires: the reaper will not drop it, so its warning is moot. */
function protectsThroughExpiry(protectedFor: Pick<Environment, 'isProtected' | 'protectedUntil'>, expiresAt: Date | null): boolean {
  if (protectedFor.isProtected) return true;
  return protectedFor.protectedUntil !== null && expiresAt !== null && protectedFor.protectedUntil >= expiresAt;
}

function protection(hours: number | null, now: Date): Pick<Environment, 'isProtected' | 'protectedUntil'> {
  if (hours === 0) return { isProtected: false, protectedUntil: null };
  if (hours === null) return { isProtected: true, protectedUntil: null };
  return { isProtected: false, protectedUntil: new Date(now.getTime() + hours * 3_600_000) };
}

/** New passwords for an environment's roles: old connection strings stop working for new sessions. */
export const rotateCredentialsOperation: OperationDefinition<{ environmentId: string }, { environmentId: string }, Environment, null> = {
  action: 'environment.rotate_credentials',
  need: 'rotate',
  planInput: environmentRefSchema,
  input: environmentRefSchema,
  load: loadEnvironmentSubject,
  target: environmentTarget,
  plan: async (_context, _actor, environment) => ({
    engineId: environment.engineId,
    steps: [{ operation: { kind: 'rotateCredentials', database: environment.name } }],
  }),
  commit: async () => null,
};
