import type { EnvironmentLimits } from '@/lib/domain/environments/detail';
import type { EnvironmentPermissions } from '@/lib/domain/environments/permissions';
import type { EnvironmentView } from '@/lib/domain/environments/views';

export type EnvironmentAction = 'reset' | 'restore' | 'snapshot' | 'extend' | 'protect' | 'drop';

const LEADS_ONLY = 'Only team leads and administrators can do this.';

/**
 * Why an action the viewer cannot take is unavailable, in words for the page (null when it
 * is available). The services refuse the same things; this only explains the missing button.
 */
export function unavailableReason(
  action: EnvironmentAction,
  environment: Pick<EnvironmentView, 'isProduction' | 'baseSnapshotId'>,
  permissions: EnvironmentPermissions,
  limits: Pick<EnvironmentLimits, 'engineRestores'>,
): string | null {
  if (permissions[action]) return null;
  switch (action) {
    case 'reset':
      if (!limits.engineRestores) return 'This engine cannot restore a database in place.';
      if (environment.baseSnapshotId === null) {
        return environment.isProduction
          ? 'Production has no starting point to reset to; restore it from a snapshot.'
          : 'It has no reset point.';
      }
      return 'You cannot reset this environment.';
    case 'restore':
      if (!limits.engineRestores) return 'This engine cannot restore a database in place.';
      return environment.isProduction ? 'Only an administrator can restore production.' : LEADS_ONLY;
    case 'snapshot':
      return environment.isProduction ? 'Only an administrator can snapshot production.' : LEADS_ONLY;
    case 'extend':
      return environment.isProduction ? 'Production databases do not expire.' : LEADS_ONLY;
    case 'protect':
      return environment.isProduction ? 'Production is always protected.' : LEADS_ONLY;
    case 'drop':
      return permissions.dropBlockedReason ?? LEADS_ONLY;
  }
}
