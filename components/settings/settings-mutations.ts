'use client';

import { updateSettings } from '@/lib/actions/settings';
import { useActionMutation } from '@/lib/client/action-mutation';

export const useUpdateSettingsMutation = () => useActionMutation({ action: updateSettings, refresh: true });
