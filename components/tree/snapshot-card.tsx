'use client';

import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import type { SnapshotTreeNode } from '@/lib/domain/tree';
import { cn } from '@/lib/class-names';
import { useNodeTabIndex, useOverviewSettings } from './overview-context';
import { formatAge, formatTimestamp } from '@/lib/format/time';

export interface SnapshotCardProps {
  node: SnapshotTreeNode;
  nameId?: string;
  className?: string;
}

function pinnedText(node: SnapshotTreeNode): string {
  if (node.dropped) return 'dropped; the clones below still hold its data';
  if (node.snapshot.pinnedBy === null) return 'pins not reported by this engine';
  return `pinned by ${node.snapshot.pinnedBy.length}`;
}

/** A snapshot in the tree: when and why it was taken, what stands on it, and cloning from it. */
export function SnapshotCard({ node, nameId, className }: SnapshotCardProps) {
  const { snapshot, environmentId, dropped } = node;
  const { now, canProvision } = useOverviewSettings();
  const tabIndex = useNodeTabIndex();
  const linkClass = buttonClasses('secondary', 'sm');
  const target = snapshot.table ? `${snapshot.database}.${snapshot.table}` : snapshot.database;

  return (
    <div
      className={cn(
        'flex flex-col gap-2 rounded-lg border p-3 text-left shadow-xs',
        dropped ? 'border-dashed border-slate-400 bg-slate-50' : 'border-amber-300 bg-amber-50',
        className,
      )}
    >
      <div className="flex flex-wrap items-center gap-1.5">
        <span id={nameId} className="mr-auto truncate font-mono text-sm font-semibold text-slate-900">
          {snapshot.name}
        </span>
        <Badge tone="warning">{snapshot.level === 'database' ? 'snapshot' : `${snapshot.level} snapshot`}</Badge>
        {dropped && <Badge tone="neutral">dropped</Badge>}
      </div>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 gap-y-0.5 text-xs">
        <dt className="text-slate-500">Taken</dt>
        <dd className="truncate text-slate-800">
          <time dateTime={snapshot.createdAt} title={formatTimestamp(snapshot.createdAt)}>
            {formatAge(snapshot.createdAt, now)}
          </time>
          {target && <span className="text-slate-500"> of {target}</span>}
          {dropped && !dropped.databaseLive && <span className="text-slate-500"> (dropped)</span>}
        </dd>
        <dt className="text-slate-500">Purpose</dt>
        <dd className="truncate text-slate-800" title={snapshot.purpose}>
          {snapshot.purpose}
        </dd>
        <dt className="text-slate-500">Pins</dt>
        <dd className="truncate text-slate-800" title={snapshot.pinnedBy?.length ? snapshot.pinnedBy.join(', ') : undefined}>
          {pinnedText(node)}
          {snapshot.pinnedBy && snapshot.pinnedBy.length > 0 && <span className="sr-only">: {snapshot.pinnedBy.join(', ')}</span>}
        </dd>
      </dl>
      <div className="nodrag nopan flex flex-wrap gap-1.5">
        {canProvision && !dropped && (
          <Link href={`/environments/new?snapshot=${snapshot.id}`} className={linkClass} tabIndex={tabIndex}>
            Clone<span className="sr-only"> from {snapshot.name}</span>
          </Link>
        )}
        {environmentId && (
          <Link href={`/environments/${environmentId}`} className={linkClass} tabIndex={tabIndex}>
            Open database<span className="sr-only"> of {snapshot.name}</span>
          </Link>
        )}
      </div>
    </div>
  );
}
