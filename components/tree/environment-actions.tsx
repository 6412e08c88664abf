'use client';

import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { DropEnvironment } from '@/components/environments/drop-environment';
import { ResetEnvironment } from '@/components/environments/reset-environment';
import { isDroppable, isSettled } from '@/lib/domain/environments/status';
import type { EnvironmentTreeNode } from '@/lib/domain/tree';
import { useNodeTabIndex, useOverviewSettings } from './overview-context';

/** Open, Clone, Reset and Drop, each shown only when the viewer may do it. */
export function EnvironmentActions({ node }: { node: EnvironmentTreeNode }) {
  const { environment, permissions } = node;
  const { canProvision, enginesWithoutDelta } = useOverviewSettings();
  const tabIndex = useNodeTabIndex();
  const linkClass = buttonClasses('secondary', 'sm');
  // Engines without delta accounting report no own bytes to promise in the drop dialog.
  const measured = enginesWithoutDelta.includes(environment.engineId) ? { ...environment, ownBytes: null } : environment;

  return (
    <div className="nodrag nopan flex flex-wrap gap-1.5">
      <Link href={`/environments/${environment.id}`} className={linkClass} tabIndex={tabIndex}>
        Open<span className="sr-only"> {environment.name}</span>
      </Link>
      {canProvision && environment.status === 'ready' && (
        <Link href={`/environments/new?source=${environment.id}`} className={linkClass} tabIndex={tabIndex}>
          Clone<span className="sr-only"> {environment.name}</span>
        </Link>
      )}
      {permissions.reset && (
        <ResetEnvironment environment={environment} disabled={!isSettled(environment.status)} compact tabIndex={tabIndex} />
      )}
      {permissions.drop && (
        <DropEnvironment environment={measured} disabled={!isDroppable(environment.status)} compact tabIndex={tabIndex} />
      )}
    </div>
  );
}
