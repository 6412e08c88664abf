import { notFound } from '@/lib/errors';
import { ENVIRONMENT_NAME_MAX } from '@/lib/validations/environments';
import type { DomainContext } from '../context';
import { suggestEnvironmentName } from '../names';
import { LIVE } from './load';

const MAX_SUFFIX = 9;

/**
 * The suggested name (team_purpose_yyyymmdd_hhmm) for a new environment of `teamId`, with
 * `_2` … `_9` appended when two pipelines of the team ask within the same minute.
 */
export async function suggestFreeEnvironmentName(
  context: DomainContext,
  teamId: string,
  purpose: string,
  engineId?: string,
): Promise<string> {
  const team = await context.prisma.team.findUnique({ where: { id: teamId }, select: { name: true } });
  if (!team) throw notFound('Team not found.');
  const base = suggestEnvironmentName(team.name, purpose, context.now());
  const candidates = [base];
  for (let suffix = 2; suffix <= MAX_SUFFIX; suffix++) candidates.push(`${base.slice(0, ENVIRONMENT_NAME_MAX - 2)}_${suffix}`);
  const taken = await context.prisma.environment.findMany({
    where: { engineId: engineId ?? context.engines.defaultId, name: { in: candidates }, ...LIVE },
    select: { name: true },
  });
  const takenNames = new Set(taken.map((row) => row.name));
  // All taken: return the base name and let provisioning report the conflict.
  return candidates.find((candidate) => !takenNames.has(candidate)) ?? base;
}
