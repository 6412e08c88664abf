'use client';

import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import type { EnvironmentTreeNode } from '@/lib/domain/tree';
import { cn } from '@/lib/class-names';
import { EnvironmentActions } from './environment-actions';
import { EnvironmentStatus } from './environment-status';
import { useNodeTabIndex, useOverviewSettings } from './overview-context';
import { SizeMeter } from './size-meter';
import { expiryStateOf } from '@/lib/domain/expiry-window';
import { formatExpiry, formatTimestamp } from '@/lib/format/time';

export interface EnvironmentCardProps {
  node: EnvironmentTreeNode;
  /** Id for the name, so the surrounding region can be labelled by it. */
  nameId?: string;
  className?: string;
}

/** Everything the overview says about one environment, and what the viewer may do to it. */
export function EnvironmentCard({ node, nameId, className }: EnvironmentCardProps) {
  const { environment } = node;
  const { now, expiryWarningHours, maxOwnBytes, enginesWithoutDelta } = useOverviewSettings();
  const tabIndex = useNodeTabIndex();
  const expiry = expiryStateOf(environment.createdAt, environment.expiresAt, now, expiryWarningHours);
  const owner = environment.isProduction ? 'production' : (environment.team?.displayName ?? 'no team');

  return (
    <div
      className={cn(
        'flex flex-col gap-2 rounded-lg border p-3 text-left shadow-xs',
        environment.isProduction ? 'border-emerald-500 bg-emerald-50 ring-2 ring-emerald-500/30' : 'border-sky-200 bg-sky-50/60',
        className,
      )}
    >
      <div className="flex flex-wrap items-center gap-1.5">
        <Link
          id={nameId}
          href={`/environments/${environment.id}`}
          tabIndex={tabIndex}
          className="nodrag mr-auto truncate font-mono text-sm font-semibold text-slate-900 underline-offset-2 hover:underline"
        >
          {environment.name}
        </Link>
        {environment.isProduction && <Badge tone="success">production</Badge>}
        {environment.protected && !environment.isProduction && <Badge tone="neutral">protected</Badge>}
        {expiry === 'soon' && <Badge tone="warning">expiring soon</Badge>}
        {expiry === 'expired' && <Badge tone="danger">expired</Badge>}
      </div>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 gap-y-0.5 text-xs">
        <dt className="text-slate-500">Owner</dt>
        <dd className="truncate text-slate-800">{owner}</dd>
        <dt className="text-slate-500">Purpose</dt>
        <dd className="truncate text-slate-800" title={environment.purpose}>
          {environment.purpose}
        </dd>
        <dt className="text-slate-500">Expiry</dt>
        <dd
          className={cn(
            'text-slate-800',
            expiry === 'soon' && 'font-medium text-amber-800',
            expiry === 'expired' && 'font-medium text-red-700',
          )}
        >
          <time
            dateTime={environment.expiresAt ?? undefined}
            title={environment.expiresAt ? formatTimestamp(environment.expiresAt) : undefined}
          >
            {formatExpiry(environment.expiresAt, now)}
          </time>
        </dd>
        <dt className="text-slate-500">Status</dt>
        <dd className="min-w-0">
          <EnvironmentStatus environment={environment} />
        </dd>
      </dl>
      <SizeMeter
        logicalBytes={environment.logicalBytes}
        ownBytes={environment.ownBytes}
        maxOwnBytes={maxOwnBytes}
        deltaReported={!enginesWithoutDelta.includes(environment.engineId)}
      />
      <EnvironmentActions node={node} />
    </div>
  );
}
