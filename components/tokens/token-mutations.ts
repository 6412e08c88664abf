'use client';

import { createApiToken, reassignApiToken, revokeApiToken } from '@/lib/actions/tokens';
import { useActionMutation } from '@/lib/client/action-mutation';

// The token list is server-rendered: each change re-renders it.
export const useCreateTokenMutation = () => useActionMutation({ action: createApiToken, refresh: true });
export const useRevokeTokenMutation = () => useActionMutation({ action: revokeApiToken, refresh: true });
export const useReassignTokenMutation = () => useActionMutation({ action: reassignApiToken, refresh: true });
