'use client';

import { mergeEnvironmentAction } from '@/lib/actions/data-branches';
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
import type { ActionResult } from '@/lib/actions/result';
import { endSessionAction } from '@/lib/actions/sessions';
import { useActionMutation } from '@/lib/client/action-mutation';
import { environmentKeys } from './environment-queries';

/**
 * An operation on one environment, wherever it is started (its page or the overview).
 * Afterwards — also after a failure, which may have marked it failed — every environment
 * query refetches (the page's detail, the overview tree) and the server parts re-render.
 */
function useEnvironmentOperation<Input, Data>(action: (input: Input) => Promise<ActionResult<Data>>) {
  return useActionMutation({ action, invalidates: () => [environmentKeys.all], refresh: true });
}

export const useResetEnvironmentMutation = (environmentId: string) => useEnvironmentOperation(() => resetEnvironmentAction(environmentId));

/**
 * Dropping from its own page leaves the page (the caller navigates on success), so the page
 * is not re-rendered here: it would only find the environment gone.
 */
export const useDropEnvironmentMutation = (environmentId: string) =>
  useActionMutation({
    action: () => dropEnvironmentAction(environmentId),
    invalidates: () => [environmentKeys.overview(), environmentKeys.detail(environmentId)],
  });

export const useRestoreEnvironmentMutation = (environmentId: string) =>
  useEnvironmentOperation((input: { snapshotId: string; confirmation?: string }) => restoreEnvironmentAction({ environmentId, ...input }));

export const useExtendEnvironmentMutation = (environmentId: string) =>
  useEnvironmentOperation((ttlHours: number | null) => extendEnvironmentAction({ environmentId, ttlHours }));

export const useProtectEnvironmentMutation = (environmentId: string) =>
  useEnvironmentOperation((hours: number | null) => protectEnvironmentAction({ environmentId, hours }));

export const useMergeEnvironmentMutation = (environmentId: string) =>
  useEnvironmentOperation((input: { targetEnvironmentId: string; onConflict: 'fail' | 'skip' | 'accept'; confirmation?: string }) =>
    mergeEnvironmentAction({ environmentId, ...input }),
  );

/** Provisioning returns at once; the caller opens the new environment's page, which shows the clone's progress. */
export const useProvisionEnvironmentMutation = () => useActionMutation({ action: (input: unknown) => provisionEnvironmentAction(input) });

/** Console queries change no metadata; a write changes the sizes the header shows. */
export const useRunConsoleQueryMutation = (environmentId: string) =>
  useActionMutation({
    action: (input: { sql: string; readOnly: boolean }) => runConsoleQueryAction({ environmentId, ...input }),
    invalidates: (input) => (input.readOnly ? [] : [environmentKeys.detail(environmentId)]),
  });

/** The password, asked for on purpose (audited); kept in this page's memory only. */
export const useRevealConnectionMutation = (environmentId: string) =>
  useActionMutation({ action: () => connectionInfoAction(environmentId, true) });

/** New passwords: existing sessions stay, new ones need the new password shown in the answer. */
export const useRotateCredentialsMutation = (environmentId: string) =>
  useActionMutation({ action: () => rotateCredentialsAction(environmentId), refresh: true });

/** Ends one session (its transaction rolls back); the history card shows the audited end. */
export const useEndSessionMutation = (environmentId: string) =>
  useActionMutation({
    action: (sessionId: string) => endSessionAction(environmentId, sessionId),
    invalidates: () => [environmentKeys.sessions(environmentId)],
    refresh: true,
  });
