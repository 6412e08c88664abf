'use client';

import { useRouter } from 'next/navigation';
import type { EnvironmentView } from '@/lib/domain/environments/views';
import { announceDrop } from '@/lib/client/drop-announcement';
import { formatBytes } from '@/lib/format/bytes';
import { useDropEnvironmentMutation } from './environment-mutations';
import { OperationConfirm } from './operation-confirm';

export interface DropEnvironmentProps {
  environment: Pick<EnvironmentView, 'id' | 'name' | 'freedIfDroppedBytes'>;
  disabled: boolean;
  /** Its snapshots, where the caller knows them (the environment page). */
  snapshotCount?: number;
  /** The overview's small card (see OperationConfirm); it stays on the overview, the page goes to the list. */
  compact?: boolean;
  tabIndex?: number;
}

/** What the drop removes and what it leaves alone, the same words wherever it is started. */
export function dropMessage(environment: DropEnvironmentProps['environment'], snapshotCount?: number): string {
  const snapshots = snapshotCount === undefined ? 'its snapshots' : snapshotCount === 1 ? 'its snapshot' : `its ${snapshotCount} snapshots`;
  const freed =
    environment.freedIfDroppedBytes === null
      ? 'Storage nothing else shares is freed.'
      : `This frees ${formatBytes(environment.freedIfDroppedBytes)} now (what only it and its snapshots hold).`;
  return `The database ${environment.name} and ${snapshots} are dropped; production and the other clones are not affected. ${freed} This cannot be undone.`;
}

/**
 * Drops an environment after its name is typed. The page and the overview both use this; what
 * it freed is announced on the page it lands on (DropAnnouncementNotice).
 */
export function DropEnvironment({ environment, disabled, snapshotCount, compact = false, tabIndex }: DropEnvironmentProps) {
  const router = useRouter();
  const drop = useDropEnvironmentMutation(environment.id, ({ freedBytes }) => {
    announceDrop({ name: environment.name, freedBytes, predictedBytes: environment.freedIfDroppedBytes });
    if (!compact) router.push('/environments');
  });
  return (
    <OperationConfirm
      environmentName={environment.name}
      compact={compact}
      label="Drop environment"
      compactLabel="Drop"
      variant="danger"
      disabled={disabled}
      tabIndex={tabIndex}
      title={`Drop ${environment.name}?`}
      message={<p>{dropMessage(environment, snapshotCount)}</p>}
      intent={{ kind: 'drop', environmentId: environment.id }}
      confirmLabel="Drop"
      confirmText={environment.name}
      // Still busy after success, until the page has moved on.
      state={{ ...drop, isPending: drop.isPending || (!compact && drop.isSuccess) }}
      onConfirm={(close) => drop.mutate(undefined, { onSuccess: close })}
    />
  );
}
