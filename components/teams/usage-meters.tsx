import { Meter } from '@/components/ui/meter';
import type { TeamUsageSummary } from '@/lib/domain/teams';
import { formatBytes } from '@/lib/format/bytes';
import { quotaTone } from './quota';

/** Environments n / max and delta bytes / max (or "no limit"): what provisioning is checked against. */
function quotaReached(usage: TeamUsageSummary): string | null {
  if (usage.environmentCount >= usage.maxEnvironments)
    return 'At the environment quota: provisioning is refused until an environment is dropped.';
  if (usage.maxOwnBytes !== null && usage.ownBytes >= usage.maxOwnBytes) {
    return 'At the delta quota: provisioning is refused until an environment is dropped or reset.';
  }
  return null;
}

export function UsageMeters({ usage, compact = false }: { usage: TeamUsageSummary; compact?: boolean }) {
  const reached = quotaReached(usage);
  const deltaText =
    usage.maxOwnBytes === null
      ? `${formatBytes(usage.ownBytes)} · no limit`
      : `${formatBytes(usage.ownBytes)} of ${formatBytes(usage.maxOwnBytes)}`;
  return (
    <div className={compact ? 'space-y-2' : 'grid gap-x-10 gap-y-4 md:grid-cols-2'}>
      <Meter
        label="Environments"
        value={usage.environmentCount}
        max={usage.maxEnvironments}
        valueText={`${usage.environmentCount} of ${usage.maxEnvironments}`}
        tone={quotaTone(usage.environmentCount, usage.maxEnvironments)}
      />
      {usage.maxOwnBytes === null ? (
        <div className="flex items-baseline justify-between gap-3 text-sm">
          <span className="font-medium text-slate-900">Own delta</span>
          <span className="text-slate-600">{deltaText}</span>
        </div>
      ) : (
        <Meter
          label="Own delta"
          value={usage.ownBytes}
          max={usage.maxOwnBytes}
          valueText={deltaText}
          tone={quotaTone(usage.ownBytes, usage.maxOwnBytes)}
        />
      )}
      {reached && <p className="text-xs font-medium text-red-700 md:col-span-2">{reached}</p>}
      {!compact && usage.unreportedCount > 0 && (
        <p className="text-xs text-slate-500 md:col-span-2">
          {usage.unreportedCount === 1 ? '1 environment does' : `${usage.unreportedCount} environments do`} not report a delta (the engine
          does not measure it), so the total leaves {usage.unreportedCount === 1 ? 'it' : 'them'} out.
        </p>
      )}
    </div>
  );
}
