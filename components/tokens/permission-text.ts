import type { TokenPermission } from '@/lib/domain/actor';

/** What each permission lets a pipeline do, in the words of the API. */
export const PERMISSION_HINTS: Record<TokenPermission, string> = {
  read: 'List and show environments and snapshots, get connection strings, usage.',
  provision: 'Create environments for the team (clones) and extend their expiry.',
  reset: 'Reset an environment to its starting point; with read, restore a snapshot.',
  drop: "Drop the team's environments.",
  snapshot: "Take and drop snapshots of the team's environments.",
  production:
    'Administrators only: with snapshot, snapshot production; with reset, restore it (its name typed); with read, connect read-write.',
};
