'use client';

import { changePasswordAction } from '@/lib/actions/people';
import { useActionMutation } from '@/lib/client/action-mutation';

/** Ends every session of the user, this one too: the caller signs out on success. */
export const useChangePasswordMutation = () => useActionMutation({ action: changePasswordAction });
