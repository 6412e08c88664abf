import { formatBytes } from '@/lib/format/bytes';
import { exactBytes } from './storage-format';

/**
 * A byte figure: rounded for reading, exact in the tooltip and in `data-bytes` (tests and
 * scripts read it). A figure the engine does not report says so instead of showing a number.
 */
export function Bytes({ value, figure }: { value: number | null; figure?: string }) {
  if (value === null) {
    return (
      <span className="text-slate-400" title="The engine does not report this figure" data-figure={figure}>
        not reported
      </span>
    );
  }
  return (
    <span className="tabular-nums" title={exactBytes(value)} data-figure={figure} data-bytes={value}>
      {formatBytes(value)}
    </span>
  );
}
