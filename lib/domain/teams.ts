import { AppError, forbidden, notFound, validation } from '@/lib/errors';
import type { Team, TeamRole } from '@/lib/generated/prisma/client';
import { decideTeamAccess, type TeamStanding } from './access';
import { QUOTA_FIELDS, type TeamSettingsChange, teamSettingsSchema } from '@/lib/validations/teams';
import { parseOrThrow } from '@/lib/validations/parse';
import { visibleTeams } from './access';
import type { Actor } from './actor';
import { type AuditTarget, recordAudit } from './audit';
import type { DomainContext } from './context';
import { listEnvironments } from './environments/queries';
import type { EnvironmentView } from './environments/views';
import { getSettings } from './settings';
import { openWebhookSecret, sealWebhookSecret } from './webhook-secrets';
import { webhookUrlProblem } from './webhook-target';
import { describeSettingsChange, settingsUpdateData, summarizeTeamUsage, type TeamUsageSummary } from './team-rules';

export type { TeamUsageSummary } from './team-rules';

/** A team's settings as its page shows them: the webhook secret only as set / not set. */
export interface TeamSettingsView {
  defaultTtlHours: number;
  maxEnvironments: number;
  /** null: no limit. */
  maxOwnBytes: number | null;
  /** Shown to those who may change it (a URL can carry a credential); null otherwise or when unset. */
  webhookUrl: string | null;
  webhookConfigured: boolean;
  webhookSecretSet: boolean;
}

export interface TeamViewer {
  isAdmin: boolean;
  role: TeamRole | null;
  /** Default expiry and webhook: leads and admins. */
  canEditDefaults: boolean;
  /** Quotas: admins only. */
  canEditQuotas: boolean;
  /** Provision environments for the team (leads and admins). */
  canProvision: boolean;
}

export interface TeamSummary {
  id: string;
  name: string;
  displayName: string;
  memberCount: number;
  usage: TeamUsageSummary;
  viewer: TeamViewer;
}

export interface TeamDetail extends TeamSummary {
  settings: TeamSettingsView;
  members: Array<{ userId: string; name: string; email: string; role: TeamRole }>;
  environments: EnvironmentView[];
}

/** The actor's standing in every team, read once (a map from team id to standing). */
async function standingsOf(context: DomainContext, actor: Actor): Promise<(teamId: string) => TeamStanding> {
  if (actor.kind === 'system') return () => ({ isAdmin: true, role: null });
  if (actor.kind === 'token') return (teamId) => ({ isAdmin: false, role: actor.teamId === teamId ? 'member' : null });
  const user = await context.prisma.user.findUnique({
    where: { id: actor.userId },
    select: { isAdmin: true, memberships: { select: { teamId: true, role: true } } },
  });
  if (!user) throw new AppError('UNAUTHENTICATED', 'Your account no longer exists. Sign in again.');
  const roles = new Map(user.memberships.map((membership) => [membership.teamId, membership.role]));
  return (teamId) => ({ isAdmin: user.isAdmin, role: roles.get(teamId) ?? null });
}

const standingIn = async (context: DomainContext, actor: Actor, teamId: string) => (await standingsOf(context, actor))(teamId);

function viewerOf(actor: Actor, standing: TeamStanding): TeamViewer {
  const person = actor.kind !== 'token';
  return {
    ...standing,
    canEditDefaults: person && decideTeamAccess(standing, 'lead') === 'allowed',
    canEditQuotas: person && standing.isAdmin,
    canProvision: person && decideTeamAccess(standing, 'lead') === 'allowed',
  };
}

function settingsView(team: Team, viewer: TeamViewer): TeamSettingsView {
  return {
    defaultTtlHours: team.defaultTtlHours,
    maxEnvironments: team.maxEnvironments,
    maxOwnBytes: team.maxOwnBytes === null ? null : Number(team.maxOwnBytes),
    webhookUrl: viewer.canEditDefaults ? team.webhookUrl : null,
    webhookConfigured: team.webhookUrl !== null,
    webhookSecretSet: team.webhookSecret !== null,
  };
}

export type VisibleTeam = Pick<Team, 'id' | 'name' | 'displayName'> & { viewer: TeamViewer };

/** Teams the actor can see (admins: all), by name, with what the actor may do in each. */
export async function listVisibleTeams(context: DomainContext, actor: Actor): Promise<VisibleTeam[]> {
  const visible = await visibleTeams(context, actor);
  const standing = await standingsOf(context, actor);
  const teams = await context.prisma.team.findMany({
    where: visible === 'all' ? {} : { id: { in: visible } },
    select: { id: true, name: true, displayName: true },
    orderBy: { name: 'asc' },
  });
  return teams.map((team) => ({ ...team, viewer: viewerOf(actor, standing(team.id)) }));
}

/** The teams the actor can see with their members, environments and delta against quota. */
export async function listTeamSummaries(context: DomainContext, actor: Actor): Promise<TeamSummary[]> {
  const visible = await visibleTeams(context, actor);
  const standing = await standingsOf(context, actor);
  const teams = await context.prisma.team.findMany({
    where: visible === 'all' ? {} : { id: { in: visible } },
    include: { _count: { select: { memberships: true } } },
    orderBy: { name: 'asc' },
  });
  const environments = await listEnvironments(context, actor);
  return teams.map((team) => ({
    id: team.id,
    name: team.name,
    displayName: team.displayName,
    memberCount: team._count.memberships,
    usage: summarizeTeamUsage(
      team,
      environments.filter((environment) => environment.team?.id === team.id),
    ),
    viewer: viewerOf(actor, standing(team.id)),
  }));
}

/** One team's page: NOT_FOUND for teams the actor cannot see. */
export async function getTeamDetail(context: DomainContext, actor: Actor, teamId: string): Promise<TeamDetail> {
  const standing = await standingIn(context, actor, teamId);
  if (decideTeamAccess(standing, 'member') === 'not_visible') throw notFound('Team not found.');
  const team = await context.prisma.team.findUnique({
    where: { id: teamId },
    include: { memberships: { include: { user: { select: { id: true, name: true, email: true } } } } },
  });
  if (!team) throw notFound('Team not found.');
  const viewer = viewerOf(actor, standing);
  const environments = await listEnvironments(context, actor, { teamId });
  const members = team.memberships
    .map((membership) => ({ userId: membership.user.id, name: membership.user.name, email: membership.user.email, role: membership.role }))
    .sort((left, right) => (left.role === right.role ? left.name.localeCompare(right.name) : left.role === 'lead' ? -1 : 1));
  return {
    id: team.id,
    name: team.name,
    displayName: team.displayName,
    memberCount: members.length,
    usage: summarizeTeamUsage(team, environments),
    viewer,
    settings: settingsView(team, viewer),
    members,
    environments,
  };
}

/** Leads and admins change the default expiry and the webhook; only admins the quotas. */
async function assertMayChange(context: DomainContext, actor: Actor, team: Team, change: TeamSettingsChange): Promise<void> {
  if (actor.kind === 'token') throw forbidden('Team settings are changed by signed-in users, not by API tokens.');
  const standing = await standingIn(context, actor, team.id);
  const access = decideTeamAccess(standing, 'lead');
  if (access === 'not_visible') throw notFound('Team not found.');
  if (access === 'forbidden') throw forbidden(`Only a lead of ${team.displayName} or an administrator can change its settings.`);
  if (!standing.isAdmin && QUOTA_FIELDS.some((field) => change[field] !== undefined)) {
    throw forbidden("Only an administrator can change a team's quotas.");
  }
}

async function assertWithinMaximumTtl(context: DomainContext, change: TeamSettingsChange): Promise<void> {
  if (change.defaultTtlHours === undefined) return;
  const { maxTtlHours } = await getSettings(context);
  if (change.defaultTtlHours <= maxTtlHours) return;
  const message = `The default expiry can be at most ${maxTtlHours} hours (the administrator's maximum).`;
  throw validation(message, { defaultTtlHours: [message] });
}

/** A URL naming an internal address outright is refused when saved; names are checked again at each delivery. */
async function assertWebhookTargetAllowed(context: DomainContext, change: TeamSettingsChange): Promise<void> {
  if (typeof change.webhookUrl !== 'string') return;
  const problem = webhookUrlProblem(change.webhookUrl, (await getSettings(context)).webhookAllowedHosts);
  if (problem) throw validation(problem, { webhookUrl: [problem] });
}

/** Changes a team's settings (only the fields given); audited as team.update, without the secret. */
export async function updateTeamSettings(context: DomainContext, actor: Actor, rawInput: unknown): Promise<TeamSettingsView> {
  const rawTeamId = (rawInput as { teamId?: unknown } | null)?.teamId;
  let target: AuditTarget = { type: 'team', name: typeof rawTeamId === 'string' ? rawTeamId : '' };
  let details: Record<string, string> = {};
  try {
    const change = parseOrThrow(teamSettingsSchema, rawInput);
    const team = await context.prisma.team.findUnique({ where: { id: change.teamId } });
    if (!team) throw notFound('Team not found.');
    target = { type: 'team', name: team.name, teamId: team.id };
    const current = openWebhookSecret(context, team);
    details = describeSettingsChange({ ...team, webhookSecret: current.kind === 'open' ? current.secret : team.webhookSecret }, change);
    await assertMayChange(context, actor, team, change);
    await assertWithinMaximumTtl(context, change);
    await assertWebhookTargetAllowed(context, change);
    // The secret is stored sealed with the server's secret, never in clear.
    const webhookSecret =
      typeof change.webhookSecret === 'string' ? sealWebhookSecret(context, team.id, change.webhookSecret) : change.webhookSecret;
    const data = { ...settingsUpdateData({ ...change, webhookSecret }), updatedAt: context.now() };
    const updated = await context.prisma.team.update({ where: { id: team.id }, data });
    await recordAudit(context, actor, 'team.update', target, { ok: true }, details);
    return settingsView(updated, viewerOf(actor, await standingIn(context, actor, team.id)));
  } catch (error) {
    await recordAudit(context, actor, 'team.update', target, { ok: false, error }, details);
    throw error;
  }
}
