'use client';

import { useQuery } from '@tanstack/react-query';
import type { HistoryRange, StorageHistory } from '@/lib/domain/storage-history-types';

export const storageKeys = {
  all: ['storage'] as const,
  history: (range: HistoryRange) => [...storageKeys.all, 'history', range] as const,
};

/** Refreshed at most this often, however short the sampling interval. */
const MIN_REFRESH_MS = 15_000;

async function fetchStorageHistory(range: HistoryRange): Promise<StorageHistory> {
  const response = await fetch(`/api/storage/history?range=${encodeURIComponent(range)}`, { cache: 'no-store' });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const failure = (body ?? {}) as { message?: string };
    throw new Error(failure.message ?? `The server answered ${response.status}.`);
  }
  return body as StorageHistory;
}

/** Usage over time for the charts; refetched as often as the sampler writes a point. */
export function useStorageHistoryQuery(range: HistoryRange) {
  return useQuery({
    queryKey: storageKeys.history(range),
    queryFn: () => fetchStorageHistory(range),
    refetchInterval: (query) => Math.max(MIN_REFRESH_MS, (query.state.data?.sampleIntervalSeconds ?? 300) * 1000),
  });
}
