'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { diffEnvironmentAction } from '@/lib/actions/data-branches';
import { connectionInfoAction } from '@/lib/actions/environments';
import { listSessionsAction } from '@/lib/actions/sessions';
import { ActionError, unwrapResult } from '@/lib/client/action-error';
import type { EnvironmentDetail } from '@/lib/domain/environments/detail';
import { type EnvironmentStatus, isBusy } from '@/lib/domain/environments/status';
import type { OverviewData } from '@/lib/domain/tree';

/** What the data-branch panel compares with: its base snapshot (undefined), a snapshot, or an environment. */
export type DiffAgainst = { kind: 'snapshot'; snapshotId: string } | { kind: 'environment'; environmentId: string } | undefined;

/** The environments feature's query keys: the overview tree, each environment's page, its diffs. */
export const environmentKeys = {
  all: ['environments'] as const,
  overview: () => [...environmentKeys.all, 'overview'] as const,
  details: () => [...environmentKeys.all, 'detail'] as const,
  detail: (environmentId: string) => [...environmentKeys.details(), environmentId] as const,
  connection: (environmentId: string) => [...environmentKeys.all, 'connection', environmentId] as const,
  sessions: (environmentId: string) => [...environmentKeys.detail(environmentId), 'sessions'] as const,
  diffs: () => [...environmentKeys.all, 'diff'] as const,
  diff: (environmentId: string, against: DiffAgainst) => [...environmentKeys.diffs(), environmentId, against ?? 'base'] as const,
  diffSample: (environmentId: string, against: DiffAgainst, table: string) =>
    [...environmentKeys.diff(environmentId, against), 'sample', table] as const,
};

/** While something is provisioning, resetting, restoring or dropping, poll fast; else slowly (the overview) or not at all. */
export const BUSY_POLL_MS = 2_000;
export const IDLE_POLL_MS = 15_000;
const SESSIONS_POLL_MS = 5_000;
const DIFF_STALE_MS = 30_000;
const SAMPLE_ROWS = 20;

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const failure = (body ?? {}) as { code?: string; message?: string };
    throw new ActionError({ code: failure.code ?? 'INTERNAL', message: failure.message ?? `The server answered ${response.status}.` });
  }
  return body as T;
}

/** The overview tree, starting from the server's render and kept fresh by polling. */
export function useOverviewTreeQuery(initialData: OverviewData) {
  return useQuery({
    queryKey: environmentKeys.overview(),
    queryFn: () => fetchJson<OverviewData>('/api/tree'),
    initialData,
    initialDataUpdatedAt: () => Date.parse(initialData.generatedAt),
    refetchInterval: (query) => (query.state.data?.tree.busy ? BUSY_POLL_MS : IDLE_POLL_MS),
  });
}

/** The environment and the viewer's permissions, polled every 2 s while it is busy. */
export function useEnvironmentQuery(environmentId: string, initialData: EnvironmentDetail) {
  return useQuery({
    queryKey: environmentKeys.detail(environmentId),
    queryFn: () => fetchJson<EnvironmentDetail>(`/api/environments/${encodeURIComponent(environmentId)}`),
    initialData,
    refetchInterval: (query) => (isBusy(query.state.data?.environment.status) ? BUSY_POLL_MS : false),
  });
}

/**
 * psql command and URL. Asked for on demand: on the embedded engine it opens a local port,
 * and every request is audited as a connection.
 */
export function useConnectionInfoQuery(environmentId: string, enabled: boolean) {
  return useQuery({
    queryKey: environmentKeys.connection(environmentId),
    queryFn: async () => unwrapResult(await connectionInfoAction(environmentId)),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** Who is connected right now, refreshed every few seconds. */
export function useSessionsQuery(environmentId: string) {
  return useQuery({
    queryKey: environmentKeys.sessions(environmentId),
    queryFn: async () => unwrapResult(await listSessionsAction(environmentId)),
    refetchInterval: SESSIONS_POLL_MS,
  });
}

/** The per-table counts, asked for when the user presses Compare (each runs statements on the engine). */
export function useDiffQuery(environmentId: string, against: DiffAgainst, enabled: boolean) {
  return useQuery({
    queryKey: environmentKeys.diff(environmentId, against),
    queryFn: async () => unwrapResult(await diffEnvironmentAction({ environmentId, against })),
    enabled,
    retry: false,
    staleTime: DIFF_STALE_MS,
  });
}

export function useDiffSampleQuery(environmentId: string, against: DiffAgainst, table: string | null) {
  return useQuery({
    queryKey: environmentKeys.diffSample(environmentId, against, table ?? ''),
    queryFn: async () =>
      unwrapResult(await diffEnvironmentAction({ environmentId, against, sampleTable: table, sampleLimit: SAMPLE_ROWS })),
    enabled: table !== null,
    retry: false,
    staleTime: DIFF_STALE_MS,
  });
}

/** When a busy environment settles, re-render the server parts (its snapshots, history). */
export function useRefreshWhenSettled(status: EnvironmentStatus) {
  const router = useRouter();
  const previous = useRef(status);
  useEffect(() => {
    if (isBusy(previous.current) && !isBusy(status)) router.refresh();
    previous.current = status;
  }, [status, router]);
}
