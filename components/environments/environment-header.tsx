import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Spinner } from '@/components/ui/spinner';
import { isBusy } from '@/lib/domain/environments/status';
import type { EnvironmentView } from '@/lib/domain/environments/views';
import { formatBytes } from '@/lib/format/bytes';
import { ExpiryCountdown } from './expiry-countdown';
import { StatusBadge } from './status-badge';
import { formatTimestamp } from '@/lib/format/time';

function protectionLabel(environment: EnvironmentView): string | null {
  if (!environment.protected) return null;
  if (environment.isProduction) return 'Protected (production)';
  return environment.protectedUntil ? `Protected until ${formatTimestamp(environment.protectedUntil)}` : 'Protected';
}

function origin(environment: EnvironmentView): string | null {
  if (environment.sourceSnapshot) return `Cloned from snapshot ${environment.sourceSnapshot.name} of ${environment.sourceDatabase ?? '?'}`;
  return environment.sourceDatabase ? `Cloned from ${environment.sourceDatabase}` : null;
}

export function EnvironmentHeader({ environment, renderedAt }: { environment: EnvironmentView; renderedAt: string }) {
  const protection = protectionLabel(environment);
  const from = origin(environment);
  return (
    <header className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-2xl font-semibold tracking-tight text-slate-900">{environment.name}</h1>
        <StatusBadge status={environment.status} role="status" aria-label="Environment status" />
        {protection && <Badge tone="info">{protection}</Badge>}
        <Badge tone="neutral">{environment.team ? environment.team.displayName : 'production'}</Badge>
      </div>
      <p className="text-sm text-slate-700">{environment.purpose}</p>
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-600">
        <div>
          <dt className="sr-only">Created</dt>
          <dd>
            Created by {environment.createdBy.email} at {formatTimestamp(environment.createdAt)}
          </dd>
        </div>
        {from && (
          <div>
            <dt className="sr-only">Origin</dt>
            <dd>{from}</dd>
          </div>
        )}
        <div>
          <dt className="sr-only">Expiry</dt>
          <dd>
            <ExpiryCountdown expiresAt={environment.expiresAt} renderedAt={renderedAt} />
          </dd>
        </div>
        {environment.logicalBytes !== null && (
          <div>
            <dt className="sr-only">Size</dt>
            <dd>
              {formatBytes(environment.logicalBytes)} logical
              {environment.ownBytes !== null && `, ${formatBytes(environment.ownBytes)} its own`}
            </dd>
          </div>
        )}
      </dl>
      {isBusy(environment.status) && <Spinner label={`${environment.statusMessage ?? 'Working'}…`} />}
      {environment.status === 'failed' && (
        <Alert tone="danger" title={environment.statusMessage ?? 'The last operation failed.'}>
          {environment.lastError ?? 'No reason was recorded.'}
        </Alert>
      )}
      {environment.status === 'missing' && (
        <Alert tone="danger" title="The engine no longer has this database.">
          It was dropped outside Clonedeck. Drop this record, or ask an administrator.
        </Alert>
      )}
    </header>
  );
}
