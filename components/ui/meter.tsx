import { cn } from '@/lib/class-names';

export type MeterTone = 'normal' | 'warning' | 'danger';

const TONE_CLASSES: Record<MeterTone, string> = {
  normal: 'bg-indigo-600',
  warning: 'bg-amber-500',
  danger: 'bg-red-600',
};

export interface MeterProps {
  /** What is measured, e.g. "Environments"; names the meter for assistive technology. */
  label: string;
  value: number;
  max: number;
  /** The reading in words, e.g. "3 of 10"; shown and announced. */
  valueText: string;
  tone?: MeterTone;
  className?: string;
}

/** A horizontal gauge of a value against a maximum (a quota); the text carries the reading. */
export function Meter({ label, value, max, valueText, tone = 'normal', className }: MeterProps) {
  const percent = max > 0 ? Math.min(100, Math.max(0, (value / max) * 100)) : 100;
  return (
    <div className={cn('space-y-1.5', className)}>
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span className="font-medium text-slate-900">{label}</span>
        <span className="text-slate-600">{valueText}</span>
      </div>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={Math.min(value, max)}
        aria-valuetext={valueText}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={cn('h-full rounded-full', TONE_CLASSES[tone])} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
