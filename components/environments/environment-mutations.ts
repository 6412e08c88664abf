'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { ActionResult } from '@/lib/actions/result';
import {
  connectionInfoAction,
  dropEnvironmentAction,
  extendEnvironmentAction,
  protectEnvironmentAction,
  provisionEnvironmentAction,
  resetEnvironmentAction,
  restoreEnvironmentAction,
  rotateCredentialsAction,
  runConsoleQueryAction,
} from '@/lib/actions/environments';
import { createSnapshotAction } from '@/lib/actions/snapshots';
import { unwrapResult } from './action-error';
import { environmentKeys } from './environment-queries';

/**
 * A server action on one environment. Afterwards — also after a failure, which may have
 * marked it failed — the polled detail is refetched and the server parts re-rendered.
 */
function useEnvironmentActionMutation<Input, Data>(environmentId: string, action: (input: Input) => Promise<ActionResult<Data>>) {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: async (input: Input) => unwrapResult(await action(input)),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: environmentKeys.detail(environmentId) });
      router.refresh();
    },
  });
}

export const useResetEnvironmentMutation = (environmentId: string) =>
  useEnvironmentActionMutation(environmentId, () => resetEnvironmentAction(environmentId));

export const useRestoreEnvironmentMutation = (environmentId: string) =>
  useEnvironmentActionMutation(environmentId, (input: { snapshotId: string; confirmation?: string }) =>
    restoreEnvironmentAction({ environmentId, ...input }),
  );

export const useExtendEnvironmentMutation = (environmentId: string) =>
  useEnvironmentActionMutation(environmentId, (ttlHours: number | null) => extendEnvironmentAction({ environmentId, ttlHours }));

export const useProtectEnvironmentMutation = (environmentId: string) =>
  useEnvironmentActionMutation(environmentId, (hours: number | null) => protectEnvironmentAction({ environmentId, hours }));

export const useCreateSnapshotMutation = (environmentId: string) =>
  useEnvironmentActionMutation(environmentId, (input: { name: string; purpose: string; table?: string }) =>
    createSnapshotAction({ environmentId, ...input }),
  );

/** Dropping leaves the page: back to the list, nothing here to refresh. */
export function useDropEnvironmentMutation(environmentId: string) {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: async () => unwrapResult(await dropEnvironmentAction(environmentId)),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: environmentKeys.detail(environmentId) });
      router.push('/environments');
      router.refresh();
    },
    onError: () => queryClient.invalidateQueries({ queryKey: environmentKeys.detail(environmentId) }),
  });
}

/** Provisioning returns at once; the new environment's page shows the clone's progress. */
export function useProvisionEnvironmentMutation() {
  const router = useRouter();
  return useMutation({
    mutationFn: async (input: unknown) => unwrapResult(await provisionEnvironmentAction(input)),
    onSuccess: (created) => router.push(`/environments/${created.id}`),
  });
}

/** Console queries change no metadata; a write changes the sizes the header shows. */
export function useRunConsoleQueryMutation(environmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { sql: string; readOnly: boolean }) => unwrapResult(await runConsoleQueryAction({ environmentId, ...input })),
    onSuccess: (_result, input) => {
      if (!input.readOnly) void queryClient.invalidateQueries({ queryKey: environmentKeys.detail(environmentId) });
    },
  });
}

/** The password, asked for on purpose (audited); kept in this page's memory only. */
export function useRevealConnectionMutation(environmentId: string) {
  return useMutation({ mutationFn: async () => unwrapResult(await connectionInfoAction(environmentId, true)) });
}

/** New passwords: existing sessions stay, new ones need the new password shown in the answer. */
export function useRotateCredentialsMutation(environmentId: string) {
  const router = useRouter();
  return useMutation({
    mutationFn: async () => unwrapResult(await rotateCredentialsAction(environmentId)),
    onSettled: () => router.refresh(),
  });
}
