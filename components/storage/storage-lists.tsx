import Link from 'next/link';
import type { EnvironmentStorage } from '@/lib/domain/storage';
import { Badge } from '@/components/ui/badge';
import { Bytes } from './bytes';
import { formatDay } from '@/lib/format/time';

function EnvironmentLink({ environment }: { environment: EnvironmentStorage }) {
  return (
    <Link href={`/environments/${environment.id}`} className="font-mono text-sm font-medium text-indigo-700 hover:underline">
      {environment.name}
    </Link>
  );
}

/** The largest deltas, with a bar scaled to the largest one. */
export function TopByDeltaList({ environments, deltaAccounting }: { environments: EnvironmentStorage[]; deltaAccounting: boolean }) {
  if (!deltaAccounting) return <p className="text-sm text-slate-600">This engine does not report per-environment deltas.</p>;
  if (environments.length === 0) return <p className="text-sm text-slate-600">No environment has changed anything yet.</p>;
  const largest = Math.max(...environments.map((environment) => environment.ownBytes ?? 0), 1);
  return (
    <ol className="space-y-3">
      {environments.map((environment) => (
        <li key={environment.id} data-environment={environment.name}>
          <div className="flex items-baseline justify-between gap-3">
            <span className="min-w-0 truncate">
              <EnvironmentLink environment={environment} /> <span className="text-xs text-slate-500">{environment.teamName}</span>
            </span>
            <span className="text-sm font-semibold text-slate-900">
              <Bytes value={environment.ownBytes} figure="own" />
            </span>
          </div>
          <div aria-hidden="true" className="mt-1 h-1.5 rounded-full bg-slate-100">
            <div
              className="h-1.5 rounded-full bg-indigo-500"
              style={{ width: `${Math.max(2, ((environment.ownBytes ?? 0) / largest) * 100)}%` }}
            />
          </div>
        </li>
      ))}
    </ol>
  );
}

/** Clean-up candidates: past expiry or idle, holding the most first. */
export function ExpiredOrIdleList({
  environments,
  deltaAccounting,
  idleAfterDays,
}: {
  environments: EnvironmentStorage[];
  deltaAccounting: boolean;
  idleAfterDays: number;
}) {
  if (environments.length === 0) {
    return <p className="text-sm text-slate-600">Nothing is past its expiry or idle for more than {idleAfterDays} days.</p>;
  }
  return (
    <ol className="divide-y divide-slate-100">
      {environments.map((environment) => (
        <li key={environment.id} data-environment={environment.name} className="flex items-center justify-between gap-3 py-2">
          <span className="min-w-0 space-y-1">
            <span className="block truncate">
              <EnvironmentLink environment={environment} /> <span className="text-xs text-slate-500">{environment.teamName}</span>
            </span>
            <span className="flex flex-wrap gap-1">
              {environment.expired && environment.expiresAt && <Badge tone="danger">expired {formatDay(environment.expiresAt)}</Badge>}
              {environment.idle && (
                <Badge tone="warning">idle since {formatDay(environment.lastActivityAt ?? environment.createdAt)}</Badge>
              )}
            </span>
          </span>
          <span className="text-right text-sm font-semibold text-slate-900">
            <Bytes value={deltaAccounting ? environment.ownBytes : environment.logicalBytes} figure={deltaAccounting ? 'own' : 'logical'} />
            <span className="block text-xs font-normal text-slate-500">{deltaAccounting ? 'own (delta)' : 'logical'}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
