import { StatusBadge } from '@/components/environments/status-badge';
import { isBusy } from '@/lib/domain/environments/status';
import type { EnvironmentView } from '@/lib/domain/environments/views';

/**
 * The environment's status: busy ones spin and say what they are doing, failed ones are red
 * and carry the error, missing ones say the engine lost the database.
 */
export function EnvironmentStatus({ environment }: { environment: EnvironmentView }) {
  const { status, statusMessage, lastError } = environment;
  if (isBusy(status)) {
    return (
      <span className="flex min-w-0 items-center gap-1.5 text-xs text-indigo-800">
        <span aria-hidden="true" className="size-3 shrink-0 animate-spin rounded-full border-2 border-indigo-200 border-t-indigo-600" />
        <StatusBadge status={status} className="shrink-0" />
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
        <StatusBadge status={status} className="shrink-0" title={lastError ?? undefined} />
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
        <StatusBadge status={status} className="shrink-0" title={statusMessage ?? undefined} />
        <span className="truncate" title={statusMessage ?? undefined}>
          {statusMessage ?? 'The engine no longer has this database.'}
        </span>
      </span>
    );
  }
  return <StatusBadge status={status} />;
}
