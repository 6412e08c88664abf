import { hashPassword } from '@/lib/auth/password';
import { validation } from '@/lib/errors';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { configFrom, type EnvVars } from '@/lib/config';
import { emailSchema, newPasswordSchema } from '@/lib/validations/auth';
import { formatCredentialsBox, generatePassword, type CredentialsRow } from './credentials-box';
import { DEMO_DEFAULT_TTL_HOURS, DEMO_TEAMS, DEMO_USERS, describeDemoUser } from './demo-organisation';

/**
 * First start: when the metadata store has no users, create either the one admin named by
 * ADMIN_EMAIL / ADMIN_PASSWORD, or the demo organisation with random passwords printed once
 * (CLONEDECK_DEMO_PASSWORD gives every demo user that password instead, for tests).
 */
export type SetupMode = 'demo' | 'admin';
export type FirstStartResult = { created: false } | { created: true; mode: SetupMode; emails: string[] };

/** Remembers how the store was set up (e.g. whether demo production data is still to load). */
export const SETUP_SETTING_KEY = 'setup';
// Serialises first start across replicas sharing one PostgreSQL database.
const FIRST_START_LOCK_ID = 4_341_000_001;

interface NewUser {
  email: string;
  name: string;
  isAdmin: boolean;
  passwordHash: string;
  membership?: { team: string; role: 'lead' | 'member' };
}

interface SetupPlan {
  mode: SetupMode;
  users: NewUser[];
  /** Printed once to stdout after the users exist. */
  announcement: string;
}

export async function runFirstStart(
  prisma: PrismaClient,
  env: EnvVars = process.env,
  print: (text: string) => void = console.log,
): Promise<FirstStartResult> {
  if ((await prisma.user.count()) > 0) return { created: false };
  // Hash before the transaction (scrypt is slow on purpose); the transaction re-checks.
  const plan = await planFirstStart(env);
  const created = await prisma.$transaction(async (transaction) => {
    await transaction.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_START_LOCK_ID}::bigint)`;
    if ((await transaction.user.count()) > 0) return false;
    if (plan.mode === 'demo') {
      await transaction.team.createMany({ data: DEMO_TEAMS.map((team) => ({ ...team, defaultTtlHours: DEMO_DEFAULT_TTL_HOURS })) });
    }
    const teams = await transaction.team.findMany({ select: { id: true, name: true } });
    const teamIds = new Map(teams.map((team) => [team.name, team.id]));
    for (const { membership, ...user } of plan.users) {
      const teamId = membership ? teamIds.get(membership.team) : undefined;
      await transaction.user.create({
        data: { ...user, memberships: membership && teamId ? { create: { teamId, role: membership.role } } : undefined },
      });
    }
    await transaction.appSetting.create({ data: { key: SETUP_SETTING_KEY, value: { mode: plan.mode, at: new Date().toISOString() } } });
    return true;
  });
  if (!created) return { created: false };
  print(plan.announcement);
  return { created: true, mode: plan.mode, emails: plan.users.map((user) => user.email) };
}

async function planFirstStart(env: EnvVars): Promise<SetupPlan> {
  const config = configFrom(env);
  if (config.ADMIN_EMAIL || config.ADMIN_PASSWORD) return planAdminOnly(config.ADMIN_EMAIL, config.ADMIN_PASSWORD, config.ADMIN_NAME);
  return planDemoOrganisation(config.CLONEDECK_DEMO_PASSWORD);
}

async function planAdminOnly(email: string | undefined, password: string | undefined, name: string | undefined): Promise<SetupPlan> {
  if (!email || !password) throw validation('Set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither (for the demo organisation).');
  const parsedEmail = emailSchema.safeParse(email);
  if (!parsedEmail.success) throw validation(`ADMIN_EMAIL "${email}" is not a valid email address.`);
  const parsedPassword = newPasswordSchema.safeParse(password);
  if (!parsedPassword.success) throw validation(`ADMIN_PASSWORD: ${parsedPassword.error.issues[0]?.message ?? 'invalid.'}`);
  const user: NewUser = {
    email: parsedEmail.data,
    name: name?.trim() || 'Admin',
    isAdmin: true,
    passwordHash: await hashPassword(password),
  };
  return { mode: 'admin', users: [user], announcement: `[clonedeck] Created the administrator ${user.email}.` };
}

async function planDemoOrganisation(sharedPassword: string | undefined): Promise<SetupPlan> {
  const rows: CredentialsRow[] = [];
  const users: NewUser[] = [];
  for (const demoUser of DEMO_USERS) {
    const password = sharedPassword || generatePassword();
    rows.push({ email: demoUser.email, role: describeDemoUser(demoUser), password });
    users.push({
      email: demoUser.email,
      name: demoUser.name,
      isAdmin: demoUser.isAdmin,
      membership: demoUser.membership,
      passwordHash: await hashPassword(password),
    });
  }
  const title = [
    'Clonedeck: demo organisation created (teams data-science, qa, dev).',
    'These passwords are shown once, here, and stored nowhere else.',
  ];
  const announcement = sharedPassword
    ? '[clonedeck] Demo organisation created; every demo user has the password in CLONEDECK_DEMO_PASSWORD.'
    : formatCredentialsBox(title, rows);
  return { mode: 'demo', users, announcement };
}
