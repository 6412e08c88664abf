const pad = (value: number) => String(value).padStart(2, '0');

/** A chart's time axis: the date for long ranges, the clock for a day, with seconds while the span is short. */
export type TickMode = 'date' | 'clock' | 'seconds';

export function formatTimeTick(at: number, mode: TickMode): string {
  const date = new Date(at);
  if (mode === 'date') return `${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const clock = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  return mode === 'seconds' ? `${clock}:${pad(date.getUTCSeconds())}` : clock;
}

/** 77.72 → "77.7 %". */
export function formatPercent(percent: number | null): string {
  return percent === null ? '—' : `${percent.toFixed(1)} %`;
}

/** 4.49 → "4.5×". */
export function formatRatio(ratio: number | null): string {
  return ratio === null ? '—' : `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}×`;
}

/** Exact bytes for a tooltip: "160,584,783 bytes". */
export function exactBytes(bytes: number | null): string | undefined {
  return bytes === null ? undefined : `${bytes.toLocaleString('en-US')} bytes`;
}
