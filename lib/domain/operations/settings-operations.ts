import { conflict, forbidden, validation } from '@/lib/errors';
import type { Environment } from '@/lib/generated/prisma/client';
import { environmentRefSchema, extendSchema, protectSchema } from '@/lib/validations/environments';
import { isAdminActor } from '../access';
import { getSettings } from '../settings';
import { resolveExpiry } from '../environments/policy';
import { credentialsValiditySteps } from './credentials-validity';
import type { OperationDefinition } from './definition';
import { resolveExpiryNotices } from '../notifications';
import { environmentTarget, loadEnvironmentSubject } from './subjects';

type ExtendInput = { environmentId: string; ttlHours: number | null };
type ExtendSubject = { environment: Environment; expiresAt: Date | null };

/**
 * Sets a new expiry, counted from now, within the same limits as at provisioning; the
 * credentials are valid until it. The expiry is resolved once, when the environment is loaded,
 * so the plan (Show SQL) and the record agree.
 */
export const extendOperation: OperationDefinition<ExtendInput, ExtendInput, ExtendSubject, Date | null> = {
  action: 'environment.extend',
  need: 'extend',
  planInput: extendSchema,
  input: extendSchema,
  async load(context, actor, input, need) {
    const environment = await loadEnvironmentSubject(context, actor, input, need);
    if (environment.isProduction || !environment.teamId) return { environment, expiresAt: null }; // refused by check
    const team = await context.prisma.team.findUniqueOrThrow({ where: { id: environment.teamId } });
    return { environment, expiresAt: await resolveExpiry(context, actor, team, input.ttlHours) };
  },
  target: (subject, rawInput) => environmentTarget(subject?.environment ?? null, rawInput),
  async check(_context, _actor, { environment }) {
    if (environment.isProduction || !environment.teamId) throw conflict('Production databases do not expire.');
  },
  plan: async (context, _actor, { environment, expiresAt }) => ({
    engineId: environment.engineId,
    steps: await credentialsValiditySteps(context, { ...environment, expiresAt }),
  }),
  async commit(context, _actor, { subject: { environment, expiresAt } }) {
    await context.prisma.$transaction(async (transaction) => {
      await transaction.environment.update({ where: { id: environment.id }, data: { expiresAt } });
      await resolveExpiryNotices(transaction, environment.id, 'extended', context.now());
    });
    return expiresAt;
  },
  details: (input) => ({ ttlHours: String(input.ttlHours) }),
};

type ProtectInput = { environmentId: string; hours: number | null };
type ProtectSubject = { environment: Environment; protectedFor: Pick<Environment, 'isProtected' | 'protectedUntil'> };

/**
 * Protects for `hours` (leads: bounded by the admin's setting), until unprotected (admins,
 * null), or unprotects (0); the credentials stay valid as long as the protection keeps it.
 */
export const protectOperation: OperationDefinition<ProtectInput, ProtectInput, ProtectSubject, null> = {
  action: 'environment.protect',
  auditAction: (input) => (input.hours === 0 ? 'environment.unprotect' : 'environment.protect'),
  need: 'protect',
  planInput: protectSchema,
  input: protectSchema,
  load: async (context, actor, input, need) => ({
    environment: await loadEnvironmentSubject(context, actor, input, need),
    protectedFor: protection(input.hours, context.now()),
  }),
  target: (subject, rawInput) => environmentTarget(subject?.environment ?? null, rawInput),
  async check(context, actor, { environment }, input) {
    if (environment.isProduction) throw conflict('Production is always protected.');
    const admin = await isAdminActor(context, actor);
    const { maxLeadProtectHours } = await getSettings(context);
    if (input.hours === null && !admin) throw forbidden('Only an administrator can protect without an end date.');
    if (input.hours !== null && input.hours > maxLeadProtectHours && !admin) {
      const message = `Leads can protect for at most ${maxLeadProtectHours} hours at a time.`;
      throw validation(message, { hours: [message] });
    }
  },
  plan: async (context, _actor, { environment, protectedFor }) => ({
    engineId: environment.engineId,
    steps: await credentialsValiditySteps(context, { ...environment, ...protectedFor }),
  }),
  async commit(context, _actor, { subject: { environment, protectedFor } }) {
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
