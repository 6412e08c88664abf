import type { z } from 'zod';
import { suggestEnvironmentName } from '@/lib/domain/names';
import type { ProvisionOptions } from '@/lib/domain/environments/provision-options';
import type { Intent } from '@/lib/domain/sql-preview';
import { type cloneSourceSchema, environmentNameSchema, type ProvisionInput } from '@/lib/validations/environments';
import { expiryChoices, parseDuration } from './durations';
import { formatTimestamp } from '@/lib/format/time';

type CloneSource = z.infer<typeof cloneSourceSchema>;

/** The form's values as the inputs hold them (strings); the schema checks them on submit. */
export interface ProvisionValues {
  teamId: string;
  /** `environment:<id>` or `snapshot:<id>`. */
  source: string;
  purpose: string;
  ttl: string;
  name: string;
  /** Once the user types a name, the suggestion stops following team and purpose. */
  nameEdited: boolean;
}

/** Query parameters that preselect the form (links from snapshots and environments). */
export interface ProvisionPreselect {
  source?: string;
  snapshot?: string;
  team?: string;
}

export function sourceKey(source: CloneSource): string {
  return source.kind === 'environment' ? `environment:${source.environmentId}` : `snapshot:${source.snapshotId}`;
}

export function sourceFromKey(key: string): CloneSource | null {
  const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  if (!id) return null;
  if (kind === 'environment') return { kind, environmentId: id };
  if (kind === 'snapshot') return { kind, snapshotId: id };
  return null;
}

/** What the source select offers: live environments as they are now, then snapshots. */
export function sourceGroups(options: Pick<ProvisionOptions, 'environments' | 'snapshots'>) {
  return [
    {
      label: 'Clone as it is now',
      options: options.environments.map((environment) => ({
        value: sourceKey({ kind: 'environment', environmentId: environment.id }),
        label: environment.isProduction ? `${environment.name} (now)` : `${environment.name} (now) · ${environment.team ?? 'no team'}`,
      })),
    },
    {
      label: 'Clone a snapshot',
      options: options.snapshots.map((snapshot) => ({
        value: sourceKey({ kind: 'snapshot', snapshotId: snapshot.id }),
        label: `${snapshot.name} · ${snapshot.database} at ${formatTimestamp(snapshot.createdAt)}`,
      })),
    },
  ].filter((group) => group.options.length > 0);
}

/** The suggested `team_purpose_yyyymmdd_hhmm` for the chosen team, or '' before one is chosen. */
export function suggestedName(teams: ProvisionOptions['teams'], teamId: string, purpose: string, at: Date): string {
  const team = teams.find((candidate) => candidate.id === teamId);
  return team ? suggestEnvironmentName(team.name, purpose, at) : '';
}

type TeamLimits = Pick<ProvisionOptions, 'teams' | 'maxTtlHours' | 'isAdmin'>;

/** The preselected expiry for a team: its default, within the administrator's maximum. */
export function teamTtl(options: TeamLimits, teamId: string): string {
  const team = options.teams.find((candidate) => candidate.id === teamId);
  return expiryChoices({ maxTtlHours: options.maxTtlHours, isAdmin: options.isAdmin, defaultTtlHours: team?.defaultTtlHours ?? null })
    .defaultValue;
}

/** Applies a change; a new team brings its default expiry, and the name follows team and purpose until the user edits it. */
export function withChange(values: ProvisionValues, change: Partial<ProvisionValues>, options: TeamLimits, at: Date): ProvisionValues {
  const next = { ...values, ...change, nameEdited: values.nameEdited || change.name !== undefined };
  if (change.teamId !== undefined && change.teamId !== values.teamId) next.ttl = teamTtl(options, change.teamId);
  if (!next.nameEdited && (change.teamId !== undefined || change.purpose !== undefined)) {
    next.name = suggestedName(options.teams, next.teamId, next.purpose, at);
  }
  return next;
}

/** The first values: query parameters where they name something offered, else production and the only team. */
export function initialValues(options: ProvisionOptions, preselect: ProvisionPreselect, at: Date): ProvisionValues {
  const offered = new Set(sourceGroups(options).flatMap((group) => group.options.map((option) => option.value)));
  const wanted = [
    preselect.snapshot && sourceKey({ kind: 'snapshot', snapshotId: preselect.snapshot }),
    preselect.source && sourceKey({ kind: 'environment', environmentId: preselect.source }),
  ].find((key): key is string => Boolean(key) && offered.has(key as string));
  const production = options.environments.find((environment) => environment.isProduction);
  const teamId = options.teams.some((team) => team.id === preselect.team)
    ? preselect.team!
    : options.teams.length === 1
      ? options.teams[0]!.id
      : '';
  return {
    teamId,
    source: wanted ?? (production ? sourceKey({ kind: 'environment', environmentId: production.id }) : ''),
    purpose: '',
    ttl: teamTtl(options, teamId),
    name: suggestedName(options.teams, teamId, '', at),
    nameEdited: false,
  };
}

/** The action's input; fields the user left unreadable stay invalid so the schema names them. */
export function toProvisionInput(values: ProvisionValues): Record<keyof ProvisionInput, unknown> {
  const ttlHours = parseDuration(values.ttl);
  return {
    teamId: values.teamId,
    name: values.name,
    purpose: values.purpose,
    source: sourceFromKey(values.source) ?? { kind: 'environment', environmentId: '' },
    ttlHours: ttlHours === undefined ? Number.NaN : ttlHours,
  };
}

/** The "Show SQL" intent, once name and source are valid. */
export function provisionIntent(values: ProvisionValues): Intent | null {
  const source = sourceFromKey(values.source);
  const name = environmentNameSchema.safeParse(values.name);
  if (!source || !name.success) return null;
  // With the team and a readable expiry, the preview also shows until when the credentials are valid.
  const ttlHours = parseDuration(values.ttl);
  return {
    kind: 'provision',
    name: name.data,
    source,
    ...(values.teamId ? { teamId: values.teamId } : {}),
    ...(ttlHours === undefined ? {} : { ttlHours }),
  };
}
