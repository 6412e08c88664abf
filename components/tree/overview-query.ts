'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { dropEnvironmentAction, resetEnvironmentAction } from '@/lib/actions/environments';
import type { ActionResult } from '@/lib/actions/result';
import type { OverviewData } from '@/lib/domain/tree';

export const overviewKeys = {
  all: ['overview'] as const,
  tree: () => [...overviewKeys.all, 'tree'] as const,
};

/** While something is provisioning, resetting, restoring or dropping, poll fast; else slowly. */
export const BUSY_POLL_MS = 2_000;
export const IDLE_POLL_MS = 15_000;

async function fetchOverview(): Promise<OverviewData> {
  const response = await fetch('/api/tree', { headers: { accept: 'application/json' }, cache: 'no-store' });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { message?: unknown } | null)?.message;
    throw new Error(typeof message === 'string' ? message : `The server answered ${response.status}.`);
  }
  return body as OverviewData;
}

/** The overview tree, starting from the server's render and kept fresh by polling. */
export function useOverviewTreeQuery(initialData: OverviewData) {
  return useQuery({
    queryKey: overviewKeys.tree(),
    queryFn: fetchOverview,
    initialData,
    initialDataUpdatedAt: () => Date.parse(initialData.generatedAt),
    refetchInterval: (query) => (query.state.data?.tree.busy ? BUSY_POLL_MS : IDLE_POLL_MS),
  });
}

function useEnvironmentMutation<T>(action: (environmentId: string) => Promise<ActionResult<T>>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: action,
    // A failed operation can still change the status (to "failed"): refresh either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: overviewKeys.all }),
  });
}

export function useResetEnvironmentMutation() {
  return useEnvironmentMutation(resetEnvironmentAction);
}

export function useDropEnvironmentMutation() {
  return useEnvironmentMutation(dropEnvironmentAction);
}
