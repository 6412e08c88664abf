'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useState } from 'react';
import { SqlConsole } from '@/components/console/sql-console';
import type { EnvironmentPageData } from '@/lib/domain/environments/detail';
import { isBusy } from '@/lib/domain/environments/status';
import { unavailableReason } from './action-reasons';
import { ActionsCard } from './actions-card';
import { ConnectionCard } from './connection-card';
import { DataBranchesCard } from './data-branches-card';
import { EnvironmentHeader } from './environment-header';
import { useEnvironmentQuery, useRefreshWhenSettled } from './environment-queries';
import { HistoryCard } from './history-card';
import { RestoreDialog } from './restore-dialog';
import { SessionsCard } from './sessions-card';
import { SnapshotsCard } from './snapshots-card';

export interface EnvironmentDetailViewProps {
  data: EnvironmentPageData;
  /** `?restore=<snapshotId>`: opens the restore dialog with that snapshot (links from the snapshots page). */
  restoreSnapshotId: string | null;
  renderedAt: string;
}

/**
 * The environment page below the server: the polled environment and permissions drive the
 * header and the buttons; snapshots and history come from the server render (refreshed
 * after every action and when a busy environment settles).
 */
export function EnvironmentDetailView({ data, restoreSnapshotId, renderedAt }: EnvironmentDetailViewProps) {
  const { snapshots, history, limits, branches } = data;
  const { data: detail } = useEnvironmentQuery(data.environment.id, { environment: data.environment, permissions: data.permissions });
  const { environment, permissions } = detail;
  useRefreshWhenSettled(environment.status);
  const [restoring, setRestoring] = useState(() => (permissions.restore ? restoreSnapshotId : null));
  const router = useRouter();
  const pathname = usePathname();
  const busy = isBusy(environment.status);

  const closeRestore = () => {
    setRestoring(null);
    // Leave ?restore= behind, so a reload does not open the dialog again.
    if (restoreSnapshotId) router.replace(pathname, { scroll: false });
  };

  return (
    <div className="space-y-6">
      <EnvironmentHeader environment={environment} renderedAt={renderedAt} />
      <ActionsCard
        environment={environment}
        permissions={permissions}
        limits={limits}
        snapshots={snapshots}
        busy={busy}
        onRestore={setRestoring}
      />
      {permissions.connect && <ConnectionCard environment={environment} canRotate={permissions.rotate} />}
      {permissions.sessions && environment.status === 'ready' && (
        <SessionsCard environmentId={environment.id} canEnd={permissions.endSession} />
      )}
      {permissions.connect && (
        <SqlConsole
          environmentId={environment.id}
          databaseName={environment.name}
          ready={environment.status === 'ready'}
          canWrite={permissions.write}
          isProduction={environment.isProduction}
        />
      )}
      <SnapshotsCard
        environmentId={environment.id}
        environmentName={environment.name}
        snapshots={snapshots}
        canRestore={permissions.restore}
        snapshotBlockedReason={unavailableReason('snapshot', environment, permissions, limits)}
        tableSnapshots={limits.tableSnapshots}
        busy={busy}
        renderedAt={renderedAt}
        onRestore={setRestoring}
      />
      {branches && (
        <DataBranchesCard
          environmentId={environment.id}
          environmentName={environment.name}
          hasBase={environment.baseSnapshotId !== null}
          snapshots={snapshots}
          options={branches}
          ready={environment.status === 'ready'}
        />
      )}
      <HistoryCard environmentName={environment.name} events={history} />
      <RestoreDialog
        key={restoring ?? 'closed'}
        environment={environment}
        snapshot={snapshots.find((snapshot) => snapshot.id === restoring) ?? null}
        onClose={closeRestore}
      />
    </div>
  );
}
