import type { Prisma, Team } from '@/lib/generated/prisma/client';
import type { TeamSettingsChange } from '@/lib/validations/teams';
import type { EnvironmentView } from './environments/views';

/** A team's environments against its quotas, summed over what the engines report. */
export interface TeamUsageSummary {
  environmentCount: number;
  maxEnvironments: number;
  /** Delta bytes of the environments whose engine measures them. */
  ownBytes: number;
  /** null: no limit. */
  maxOwnBytes: number | null;
  logicalBytes: number;
  /** Environments whose engine reports no delta (MatrixOne) or could not be measured. */
  unreportedCount: number;
}

export function summarizeTeamUsage(
  team: Pick<Team, 'maxEnvironments' | 'maxOwnBytes'>,
  environments: ReadonlyArray<Pick<EnvironmentView, 'ownBytes' | 'logicalBytes'>>,
): TeamUsageSummary {
  return {
    environmentCount: environments.length,
    maxEnvironments: team.maxEnvironments,
    ownBytes: environments.reduce((total, environment) => total + (environment.ownBytes ?? 0), 0),
    maxOwnBytes: team.maxOwnBytes === null ? null : Number(team.maxOwnBytes),
    logicalBytes: environments.reduce((total, environment) => total + (environment.logicalBytes ?? 0), 0),
    unreportedCount: environments.filter((environment) => environment.ownBytes === null).length,
  };
}

/** The columns to write: only the fields the change names. */
export function settingsUpdateData(change: TeamSettingsChange): Prisma.TeamUpdateInput {
  const data: Prisma.TeamUpdateInput = {};
  if (change.defaultTtlHours !== undefined) data.defaultTtlHours = change.defaultTtlHours;
  if (change.maxEnvironments !== undefined) data.maxEnvironments = change.maxEnvironments;
  if (change.maxOwnBytes !== undefined) data.maxOwnBytes = change.maxOwnBytes === null ? null : BigInt(change.maxOwnBytes);
  if (change.webhookUrl !== undefined) data.webhookUrl = change.webhookUrl;
  if (change.webhookSecret !== undefined) data.webhookSecret = change.webhookSecret;
  return data;
}

const shown = (value: number | bigint | null) => (value === null ? 'none' : String(value));

/**
 * What an audit event records of a change: old → new for numbers, and only whether the
 * webhook URL and secret were set, changed or cleared (either may carry a credential).
 */
export function describeSettingsChange(
  team: Pick<Team, 'defaultTtlHours' | 'maxEnvironments' | 'maxOwnBytes' | 'webhookUrl' | 'webhookSecret'>,
  change: TeamSettingsChange,
): Record<string, string> {
  const details: Record<string, string> = {};
  if (change.defaultTtlHours !== undefined && change.defaultTtlHours !== team.defaultTtlHours) {
    details.defaultTtlHours = `${team.defaultTtlHours} → ${change.defaultTtlHours}`;
  }
  if (change.maxEnvironments !== undefined && change.maxEnvironments !== team.maxEnvironments) {
    details.maxEnvironments = `${team.maxEnvironments} → ${change.maxEnvironments}`;
  }
  const oldBytes = team.maxOwnBytes === null ? null : Number(team.maxOwnBytes);
  if (change.maxOwnBytes !== undefined && change.maxOwnBytes !== oldBytes) {
    details.maxOwnBytes = `${shown(oldBytes)} → ${shown(change.maxOwnBytes)}`;
  }
  const url = secretChange(team.webhookUrl, change.webhookUrl);
  if (url) details.webhookUrl = url;
  const secret = secretChange(team.webhookSecret, change.webhookSecret);
  if (secret) details.webhookSecret = secret;
  return details;
}

function secretChange(before: string | null, after: string | null | undefined): string | null {
  if (after === undefined || after === before) return null;
  if (after === null) return 'cleared';
  return before === null ? 'set' : 'replaced';
}
