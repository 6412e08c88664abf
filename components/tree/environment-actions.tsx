'use client';

import Link from 'next/link';
import { useState } from 'react';
import { SqlPreviewToggle } from '@/components/sql/sql-preview';
import { BodyPortal } from '@/components/ui/body-portal';
import { Button, buttonClasses } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { EnvironmentView } from '@/lib/domain/environments/views';
import type { EnvironmentTreeNode } from '@/lib/domain/tree';
import { formatBytes } from '@/lib/format/bytes';
import { useNodeTabIndex, useOverviewSettings } from './overview-context';
import { useDropEnvironmentMutation, useResetEnvironmentMutation } from './overview-query';

type Operation = 'reset' | 'drop';

const UNREACHABLE_MESSAGE = 'The server could not be reached. Check your connection and try again.';

/** Runs reset or drop for one environment and keeps the failure message to show inline. */
function useEnvironmentOperation(environmentId: string) {
  const reset = useResetEnvironmentMutation();
  const drop = useDropEnvironmentMutation();
  const [error, setError] = useState<string | null>(null);
  const run = (operation: Operation, onDone: () => void) => {
    setError(null);
    (operation === 'reset' ? reset : drop).mutate(environmentId, {
      onSuccess: (result) => setError(result.ok ? null : result.message),
      onError: () => setError(UNREACHABLE_MESSAGE),
      onSettled: onDone,
    });
  };
  return { run, pending: reset.isPending || drop.isPending, error };
}

function dialogText(operation: Operation, environment: EnvironmentView, deltaReported: boolean) {
  if (operation === 'reset') {
    return {
      title: `Reset ${environment.name}?`,
      message: `${environment.name} goes back to its reset point, the state it had when it was provisioned. Changes made since then are lost.`,
    };
  }
  const freed =
    deltaReported && environment.ownBytes !== null ? ` It frees about ${formatBytes(environment.ownBytes)} (its own delta).` : '';
  return {
    title: `Drop ${environment.name}?`,
    message: `This drops the database ${environment.name} and its snapshots; production and the other clones are not affected.${freed}`,
  };
}

/** Open, Clone, Reset and Drop, each shown only when the viewer may do it. */
export function EnvironmentActions({ node }: { node: EnvironmentTreeNode }) {
  const { environment, permissions } = node;
  const { canProvision, enginesWithoutDelta } = useOverviewSettings();
  const tabIndex = useNodeTabIndex();
  const operation = useEnvironmentOperation(environment.id);
  const [dialog, setDialog] = useState<{ operation: Operation; open: boolean } | null>(null);
  const settled = environment.status === 'ready' || environment.status === 'failed';
  const droppable = settled || environment.status === 'missing';
  const text = dialog && dialogText(dialog.operation, environment, !enginesWithoutDelta.includes(environment.engineId));
  const close = () => setDialog((current) => current && { ...current, open: false });
  const linkClass = buttonClasses('secondary', 'sm');

  return (
    <div className="nodrag nopan space-y-1.5">
      <div className="flex flex-wrap gap-1.5">
        <Link href={`/environments/${environment.id}`} className={linkClass} tabIndex={tabIndex}>
          Open<span className="sr-only"> {environment.name}</span>
        </Link>
        {canProvision && environment.status === 'ready' && (
          <Link href={`/environments/new?source=${environment.id}`} className={linkClass} tabIndex={tabIndex}>
            Clone<span className="sr-only"> {environment.name}</span>
          </Link>
        )}
        {permissions.reset && (
          <Button
            variant="secondary"
            size="sm"
            tabIndex={tabIndex}
            disabled={!settled || operation.pending}
            onClick={() => setDialog({ operation: 'reset', open: true })}
          >
            Reset<span className="sr-only"> {environment.name}</span>
          </Button>
        )}
        {permissions.drop && (
          <Button
            variant="danger"
            size="sm"
            tabIndex={tabIndex}
            disabled={!droppable || operation.pending}
            onClick={() => setDialog({ operation: 'drop', open: true })}
          >
            Drop<span className="sr-only"> {environment.name}</span>
          </Button>
        )}
      </div>
      {operation.error && (
        <p role="alert" className="line-clamp-2 text-xs text-red-700" title={operation.error}>
          {operation.error}
        </p>
      )}
      {dialog && text && (
        <BodyPortal>
          <ConfirmDialog
            open={dialog.open}
            title={text.title}
            message={
              <div className="space-y-3">
                <p>{text.message}</p>
                <SqlPreviewToggle intent={{ kind: dialog.operation, environmentId: environment.id }} />
              </div>
            }
            confirmLabel={dialog.operation === 'reset' ? 'Reset' : 'Drop'}
            pending={operation.pending}
            onConfirm={() => operation.run(dialog.operation, close)}
            onCancel={close}
          />
        </BodyPortal>
      )}
    </div>
  );
}
