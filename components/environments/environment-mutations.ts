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
 * Afterwards — also after a failure, which may have marked it failed — the overview and the
 * environment's page refetch and the server parts re-render. Not the connection details or
 * diffs: asking for those again is audited or runs statements on the engine.
 */
function useEnvironmentOperation<Input, Data>(environmentId: string, action: (input: Input) => Promise<ActionResult<Data>>) {
  return useActionMutation({
    action,
    invalidates: () => [environmentKeys.overview(), environmentKeys.detail(environmentId)],
    refresh: true,
  });
}

export const useResetEnvironmentMutation = (environmentId: string) =>
  useEnvironmentOperation(environmentId, () => resetEnvironmentAction(environmentId));

/**
 * Dropping from its own page leaves the page: `onDropped` navigates, from the hook itself
 * because the action's revalidation replaces the page (and unmounts the button) before a
 * per-call callback could run. The page is not refreshed here: it would only find it gone.
 */
export const useDropEnvironmentMutation = (environmentId: string, onDropped?: (result: { freedBytes: number | null }) => void) =>
  useActionMutation({
    action: () => dropEnvironmentAction(environmentId),
    invalidates: () => [environmentKeys.overview(), environmentKeys.detail(environmentId)],
    onSuccess: onDropped,
  });

export const useRestoreEnvironmentMutation = (environmentId: string) =>
  useEnvironmentOperation(environmentId, (input: { snapshotId: string; confirmation?: string }) =>
    restoreEnvironmentAction({ environmentId, ...input }),
  );

export const useExtendEnvironmentMutation = (environmentId: string) =>
  useEnvironmentOperation(environmentId, (ttlHours: number | null) => extendEnvironmentAction({ environmentId, ttlHours }));

export const useProtectEnvironmentMutation = (environmentId: string) =>
  useEnvironmentOperation(environmentId, (hours: number | null) => protectEnvironmentAction({ environmentId, hours }));

/** A merge changes the target's rows: every page and every diff is out of date. */
export const useMergeEnvironmentMutation = (environmentId: string) =>
  useActionMutation({
    action: (input: { targetEnvironmentId: string; onConflict: 'fail' | 'skip' | 'accept'; confirmation?: string }) =>
      mergeEnvironmentAction({ environmentId, ...input }),
    invalidates: () => [environmentKeys.overview(), environmentKeys.details(), environmentKeys.diffs()],
    refresh: true,
  });

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
