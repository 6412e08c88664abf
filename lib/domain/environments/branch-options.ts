import type { CapabilitySummary } from '@/lib/engines/types';
import type { Environment } from '@/lib/generated/prisma/client';
import { denial, loadStanding } from '../access';
import type { Actor } from '../actor';
import type { DomainContext } from '../context';
import { LIVE } from './load';
import { SETTLED_STATUSES } from './status';

export interface BranchPeer {
  id: string;
  name: string;
  isProduction: boolean;
}

/**
 * What the data-branch panel offers on an environment: null where the engine cannot diff
 * rows (the page then shows no panel at all). Environments to compare with are those the
 * viewer can see on the same engine; merge targets those they may restore.
 */
export interface BranchOptions {
  compareWith: BranchPeer[];
  /** Empty where the engine cannot merge, or the viewer may change no other environment. */
  mergeTargets: BranchPeer[];
  conflictChoices: Array<'fail' | 'skip' | 'accept'>;
}

export async function branchOptions(
  context: DomainContext,
  actor: Actor,
  environment: Environment,
  capabilities: CapabilitySummary | null,
): Promise<BranchOptions | null> {
  if (!capabilities?.dataDiff) return null;
  const standing = await loadStanding(context, actor);
  const peers = await context.prisma.environment.findMany({
    where: { ...LIVE, engineId: environment.engineId, id: { not: environment.id }, status: { in: [...SETTLED_STATUSES] } },
    orderBy: [{ isProduction: 'desc' }, { name: 'asc' }],
  });
  const peer = (row: Environment): BranchPeer => ({ id: row.id, name: row.name, isProduction: row.isProduction });
  const visible = peers.filter((row) => denial(standing, row.teamId, 'read') === null);
  const mergeable = capabilities.dataMerge ? visible.filter((row) => denial(standing, row.teamId, 'restore') === null) : [];
  return { compareWith: visible.map(peer), mergeTargets: mergeable.map(peer), conflictChoices: ['fail', 'skip', 'accept'] };
}
