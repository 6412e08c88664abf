'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { connectionInfoAction } from '@/lib/actions/environments';
import type { EnvironmentDetail } from '@/lib/domain/environments/detail';
import type { EnvironmentView } from '@/lib/domain/environments/views';
import { ActionError, unwrapResult } from './action-error';

export const environmentKeys = {
  all: ['environments'] as const,
  detail: (environmentId: string) => [...environmentKeys.all, 'detail', environmentId] as const,
  connection: (environmentId: string) => [...environmentKeys.all, 'connection', environmentId] as const,
};

const BUSY: ReadonlySet<EnvironmentView['status']> = new Set(['provisioning', 'resetting', 'restoring', 'dropping']);
const POLL_WHILE_BUSY_MS = 2_000;

/** Provisioning, resetting, restoring or dropping: the page polls and shows progress. */
export function isBusy(status: EnvironmentView['status'] | undefined): boolean {
  return status !== undefined && BUSY.has(status);
}

async function fetchEnvironmentDetail(environmentId: string): Promise<EnvironmentDetail> {
  const response = await fetch(`/api/environments/${encodeURIComponent(environmentId)}`, { cache: 'no-store' });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const failure = (body ?? {}) as { code?: string; message?: string };
    throw new ActionError({ code: failure.code ?? 'INTERNAL', message: failure.message ?? `The server answered ${response.status}.` });
  }
  return body as EnvironmentDetail;
}

/** The environment and the viewer's permissions, polled every 2 s while it is busy. */
export function useEnvironmentQuery(environmentId: string, initialData: EnvironmentDetail) {
  return useQuery({
    queryKey: environmentKeys.detail(environmentId),
    queryFn: () => fetchEnvironmentDetail(environmentId),
    initialData,
    refetchInterval: (query) => (isBusy(query.state.data?.environment.status) ? POLL_WHILE_BUSY_MS : false),
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

/** When a busy environment settles, re-render the server parts (its snapshots, history). */
export function useRefreshWhenSettled(status: EnvironmentView['status']) {
  const router = useRouter();
  const previous = useRef(status);
  useEffect(() => {
    if (isBusy(previous.current) && !isBusy(status)) router.refresh();
    previous.current = status;
  }, [status, router]);
}
