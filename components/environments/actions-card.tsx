import type { ReactNode } from 'react';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import type { EnvironmentLimits } from '@/lib/domain/environments/detail';
import type { EnvironmentPermissions } from '@/lib/domain/environments/permissions';
import type { EnvironmentView, SnapshotView } from '@/lib/domain/environments/views';
import { type EnvironmentAction, unavailableReason } from './action-reasons';
import { DropEnvironment } from './drop-environment';
import { ExtendAction } from './extend-action';
import { ProtectAction } from './protect-action';
import { ResetEnvironment } from './reset-environment';
import { RestoreAction } from './restore-action';

export interface ActionsCardProps {
  environment: EnvironmentView;
  permissions: EnvironmentPermissions;
  limits: EnvironmentLimits;
  snapshots: SnapshotView[];
  busy: boolean;
  onRestore: (snapshotId: string) => void;
}

interface ActionPanel {
  action: EnvironmentAction;
  title: string;
  description: string;
  control: ReactNode;
}

function panels({ environment, limits, snapshots, busy, onRestore }: ActionsCardProps): ActionPanel[] {
  return [
    {
      action: 'reset',
      title: 'Reset',
      description: 'Back to the clean state it was provisioned with.',
      control: <ResetEnvironment environment={environment} disabled={busy} />,
    },
    {
      action: 'restore',
      title: 'Restore from a snapshot',
      description: 'Rewind it to one of its snapshots.',
      control: <RestoreAction snapshots={snapshots} disabled={busy} onRestore={onRestore} />,
    },
    {
      action: 'extend',
      title: 'Extend expiry',
      description: 'A new expiry, counted from now.',
      control: <ExtendAction environment={environment} limits={limits} disabled={busy} />,
    },
    {
      action: 'protect',
      title: 'Protection',
      description: 'Protected environments are never dropped, not even on expiry.',
      control: <ProtectAction environment={environment} limits={limits} disabled={busy} />,
    },
    {
      action: 'drop',
      title: 'Drop',
      description: 'Remove the database and its snapshots.',
      control: <DropEnvironment environment={environment} snapshotCount={snapshots.length} disabled={busy} />,
    },
  ];
}

/** The actions the viewer may take, each with its control; the others listed with the reason. */
export function ActionsCard(props: ActionsCardProps) {
  const { environment, permissions, limits, busy } = props;
  const all = panels(props).map((panel) => ({ ...panel, reason: unavailableReason(panel.action, environment, permissions, limits) }));
  const available = all.filter((panel) => panel.reason === null);
  const unavailable = all.filter((panel) => panel.reason !== null);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Actions</CardTitle>
        <CardDescription>
          {busy ? `Wait until it is ready (${environment.status}).` : 'Each shows the engine SQL before it runs.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {available.length > 0 && (
          <div className="grid gap-4 md:grid-cols-2 2xl:grid-cols-3">
            {available.map((panel) => (
              <section
                key={panel.action}
                aria-labelledby={`action-${panel.action}`}
                className="space-y-2 rounded-md border border-slate-200 p-4"
              >
                <div>
                  <h3 id={`action-${panel.action}`} className="text-sm font-semibold text-slate-900">
                    {panel.title}
                  </h3>
                  <p className="text-sm text-slate-600">{panel.description}</p>
                </div>
                {panel.control}
              </section>
            ))}
          </div>
        )}
        {unavailable.length > 0 && (
          <div>
            <h3 className="text-sm font-semibold text-slate-900">
              {available.length > 0 ? 'Not available here' : 'No actions available to you'}
            </h3>
            <ul className="mt-1 space-y-0.5 text-sm text-slate-600">
              {unavailable.map((panel) => (
                <li key={panel.action}>
                  <span className="font-medium text-slate-700">{panel.title}:</span> {panel.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
