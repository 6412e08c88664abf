'use client';

import { addMemberAction, removeMemberAction, setMemberRoleAction } from '@/lib/actions/people';
import { updateTeamSettingsAction } from '@/lib/actions/teams';
import { useActionMutation } from '@/lib/client/action-mutation';

// The team pages are server-rendered: each change re-renders them.
export const useAddMemberMutation = () => useActionMutation({ action: addMemberAction, refresh: true });
export const useSetMemberRoleMutation = () => useActionMutation({ action: setMemberRoleAction, refresh: true });
export const useRemoveMemberMutation = () => useActionMutation({ action: removeMemberAction, refresh: true });
export const useUpdateTeamSettingsMutation = () => useActionMutation({ action: updateTeamSettingsAction, refresh: true });
