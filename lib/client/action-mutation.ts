'use client';

import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { ActionResult } from '@/lib/actions/result';
import { type ActionError, callAction } from './action-error';

export interface ActionMutationOptions<Input, Data> {
  action: (input: Input) => Promise<ActionResult<Data>>;
  /** Polled queries to refetch afterwards — also after a failure, which may have changed a status. */
  invalidates?: (input: Input) => readonly QueryKey[];
  /** Re-render the page's server parts afterwards (lists and cards the server rendered). */
  refresh?: boolean;
  onSuccess?: (data: Data, input: Input) => void;
}

/**
 * The one way a client component runs a server action: the action's `{ ok: false }` becomes
 * `mutation.error` (an ActionError with code, message and field messages), its data
 * `mutation.data`. Every feature's `useXMutation` hook is built on this.
 */
export function useActionMutation<Input = void, Data = unknown>({
  action,
  invalidates,
  refresh,
  onSuccess,
}: ActionMutationOptions<Input, Data>) {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useMutation<Data, ActionError, Input>({
    mutationFn: (input) => callAction(action, input),
    onSuccess: (data, input) => onSuccess?.(data, input),
    onSettled: async (_data, _error, input) => {
      await Promise.all((invalidates?.(input) ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      if (refresh) router.refresh();
    },
  });
}
