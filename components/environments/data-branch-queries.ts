'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { diffEnvironmentAction, mergeEnvironmentAction } from '@/lib/actions/data-branches';
import { unwrapResult } from './action-error';
import { environmentKeys } from './environment-queries';

/** What the panel compares with: its base snapshot (undefined), a snapshot, or an environment. */
export type DiffAgainst = { kind: 'snapshot'; snapshotId: string } | { kind: 'environment'; environmentId: string } | undefined;

export const dataBranchKeys = {
  all: ['data-branches'] as const,
  diff: (environmentId: string, against: DiffAgainst) => [...dataBranchKeys.all, 'diff', environmentId, against ?? 'base'] as const,
  sample: (environmentId: string, against: DiffAgainst, table: string) =>
    [...dataBranchKeys.diff(environmentId, against), 'sample', table] as const,
};

export const SAMPLE_ROWS = 20;

/** The per-table counts, asked for when the user presses Compare (each runs statements on the engine). */
export function useDiffQuery(environmentId: string, against: DiffAgainst, enabled: boolean) {
  return useQuery({
    queryKey: dataBranchKeys.diff(environmentId, against),
    queryFn: async () => unwrapResult(await diffEnvironmentAction({ environmentId, against })),
    enabled,
    retry: false,
    staleTime: 30_000,
  });
}

export function useDiffSampleQuery(environmentId: string, against: DiffAgainst, table: string | null) {
  return useQuery({
    queryKey: dataBranchKeys.sample(environmentId, against, table ?? ''),
    queryFn: async () =>
      unwrapResult(await diffEnvironmentAction({ environmentId, against, sampleTable: table, sampleLimit: SAMPLE_ROWS })),
    enabled: table !== null,
    retry: false,
    staleTime: 30_000,
  });
}

export function useMergeMutation(environmentId: string) {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: async (input: { targetEnvironmentId: string; onConflict: 'fail' | 'skip' | 'accept'; confirmation?: string }) =>
      unwrapResult(await mergeEnvironmentAction({ environmentId, ...input })),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: dataBranchKeys.all });
      await queryClient.invalidateQueries({ queryKey: environmentKeys.all });
      router.refresh();
    },
  });
}
