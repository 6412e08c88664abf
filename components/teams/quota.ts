import type { MeterTone } from '@/components/ui/meter';

/** Amber from 80 % of a quota, red once it is reached (provisioning is refused then). */
export function quotaTone(used: number, max: number | null): MeterTone {
  if (max === null) return 'normal';
  if (used >= max) return 'danger';
  return used >= max * 0.8 ? 'warning' : 'normal';
}

export const BYTE_UNITS = [
  { unit: 'MiB', bytes: 1024 ** 2 },
  { unit: 'GiB', bytes: 1024 ** 3 },
  { unit: 'TiB', bytes: 1024 ** 4 },
] as const;
export type ByteUnit = (typeof BYTE_UNITS)[number]['unit'];

const unitBytes = (unit: ByteUnit) => BYTE_UNITS.find((candidate) => candidate.unit === unit)!.bytes;

/** A form's amount and unit as whole bytes; NaN stays NaN so the schema can say what is wrong. */
export function bytesFromAmount(amount: number, unit: ByteUnit): number {
  return Math.round(amount * unitBytes(unit));
}

/** The largest unit that shows the quota as at least 1 (to two decimals), for the form's initial value. */
export function amountForBytes(bytes: number): { amount: number; unit: ByteUnit } {
  const fitting = [...BYTE_UNITS].reverse().find((candidate) => bytes >= candidate.bytes) ?? BYTE_UNITS[0];
  return { amount: Math.round((bytes / fitting.bytes) * 100) / 100, unit: fitting.unit };
}
