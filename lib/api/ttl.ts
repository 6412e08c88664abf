/**
 * Time to live as CI writes it: `2h`, `1d`, `1w`, or a whole number of hours. Hours are the
 * unit of expiry everywhere (the form, the domain), so nothing finer is accepted.
 */
const TTL_PATTERN = /^([1-9][0-9]{0,5})([hdw])$/;

/** The text forms accepted (bare digits are hours); for schemas and documentation. */
export const TTL_TEXT_PATTERN = /^[1-9][0-9]{0,5}[hdwHDW]?$/;

const HOURS_PER_UNIT = { h: 1, d: 24, w: 24 * 7 } as const;

/** Hours, or null when the text or number is not a TTL. */
export function parseTtl(value: string | number): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1 ? value : null;
  const text = value.trim().toLowerCase();
  if (/^[1-9][0-9]{0,5}$/.test(text)) return Number(text);
  const match = TTL_PATTERN.exec(text);
  if (!match) return null;
  return Number(match[1]) * HOURS_PER_UNIT[match[2] as keyof typeof HOURS_PER_UNIT];
}

export const TTL_HELP = 'Use hours or days, e.g. 2h, 1d, 1w, or a whole number of hours.';
