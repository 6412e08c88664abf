import { formatBytes } from '@/lib/format/bytes';

export interface SizeMeterProps {
  logicalBytes: number | null;
  ownBytes: number | null;
  /** The largest delta on the page: the bar's full width. */
  maxOwnBytes: number;
  /** False on engines that do not report deltas: say so, never show a figure. */
  deltaReported: boolean;
}

/** A full bar means at least this much: otherwise a few bytes of delta would fill the bar when nothing changed. */
const MIN_BAR_SCALE_BYTES = 1024 * 1024;

/** Logical size and the environment's own delta, drawn to scale against the largest delta. */
export function SizeMeter({ logicalBytes, ownBytes, maxOwnBytes, deltaReported }: SizeMeterProps) {
  const scale = Math.max(maxOwnBytes, MIN_BAR_SCALE_BYTES);
  const share = deltaReported && ownBytes !== null ? Math.min(1, ownBytes / scale) : 0;
  return (
    <div className="space-y-1 text-xs text-slate-700">
      <p className="flex flex-wrap justify-between gap-x-2">
        <span>
          Size <span className="font-medium text-slate-900">{logicalBytes === null ? 'unknown' : formatBytes(logicalBytes)}</span>
        </span>
        {deltaReported ? (
          <span>
            Own delta <span className="font-medium text-slate-900">{ownBytes === null ? 'unknown' : formatBytes(ownBytes)}</span>
          </span>
        ) : (
          <span className="italic text-slate-500">delta not reported by this engine</span>
        )}
      </p>
      {deltaReported && (
        <div aria-hidden="true" className="h-1.5 w-full overflow-hidden rounded-full bg-slate-100">
          <div className="h-full rounded-full bg-indigo-500" style={{ width: share > 0 ? `max(3px, ${(share * 100).toFixed(2)}%)` : 0 }} />
        </div>
      )}
    </div>
  );
}
