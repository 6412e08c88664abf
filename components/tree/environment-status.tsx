import { Badge } from '@/components/ui/badge';
import type { EnvironmentView } from '@/lib/domain/environments/views';

const BUSY: ReadonlySet<EnvironmentView['status']> = new Set(['provisioning', 'resetting', 'restoring', 'dropping']);

export function isBusyStatus(status: EnvironmentView['status']): boolean {
  return BUSY.has(status);
}

/**
 * The environment's status: busy ones spin and say what they are doing, failed ones are red
 * and carry the error, missing ones say the engine lost the database.
 */
export function EnvironmentStatus({ environment }: { environment: EnvironmentView }) {
  const { status, statusMessage, lastError } = environment;
  if (isBusyStatus(status)) {
    return (
      <span className="flex min-w-0 items-center gap-1.5 text-xs text-indigo-800">
        <span aria-hidden="true" className="size-3 shrink-0 animate-spin rounded-full border-2 border-indigo-200 border-t-indigo-600" />
        <Badge tone="info" className="shrink-0">
          {status}
        </Badge>
        {statusMessage && (
          <span className="truncate" title={statusMessage}>
            {statusMessage}
          </span>
        )}
      </span>
    );
  }
  if (status === 'failed') {
    return (
      <span className="flex min-w-0 items-center gap-1.5 text-xs text-red-700">
        <Badge tone="danger" className="shrink-0" title={lastError ?? undefined}>
          failed
        </Badge>
        {lastError && (
          <span className="truncate" title={lastError}>
            {lastError}
          </span>
        )}
      </span>
    );
  }
  if (status === 'missing') {
    return (
      <span className="flex min-w-0 items-center gap-1.5 text-xs text-amber-800">
        <Badge tone="warning" className="shrink-0" title={statusMessage ?? undefined}>
          missing
        </Badge>
        <span className="truncate" title={statusMessage ?? undefined}>
          {statusMessage ?? 'The engine no longer has this database.'}
        </span>
      </span>
    );
  }
  return <Badge tone="success">{status}</Badge>;
}
