'use client';

import { environmentKeys } from '@/components/environments/environment-queries';
import { createSnapshotAction, dropSnapshotAction } from '@/lib/actions/snapshots';
import type { CreateSnapshotInput } from '@/lib/validations/environments';
import { useActionMutation } from '@/lib/client/action-mutation';

/** Snapshots show on the overview and on their environment's page: both refetch, the server parts re-render. */
export const useCreateSnapshotMutation = () =>
  useActionMutation({
    action: (input: CreateSnapshotInput) => createSnapshotAction(input),
    invalidates: () => [environmentKeys.all],
    refresh: true,
  });

export const useDropSnapshotMutation = (snapshotId: string) =>
  useActionMutation({ action: () => dropSnapshotAction(snapshotId), invalidates: () => [environmentKeys.all], refresh: true });
