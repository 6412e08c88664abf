'use client';

import { environmentKeys } from '@/components/environments/environment-queries';
import { createSnapshotAction, dropSnapshotAction } from '@/lib/actions/snapshots';
import { useActionMutation } from '@/lib/client/action-mutation';
import type { CreateSnapshotInput } from '@/lib/validations/environments';

/** Snapshots show on the overview and on their environment's page: both refetch, the server parts re-render. */
export const useCreateSnapshotMutation = () =>
  useActionMutation({
    action: (input: CreateSnapshotInput) => createSnapshotAction(input),
    invalidates: (input) => [environmentKeys.overview(), environmentKeys.detail(input.environmentId)],
    refresh: true,
  });

export const useDropSnapshotMutation = (snapshotId: string) =>
  useActionMutation({
    action: () => dropSnapshotAction(snapshotId),
    invalidates: () => [environmentKeys.overview(), environmentKeys.details()],
    refresh: true,
  });
