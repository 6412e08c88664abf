import { formatHours } from '@/lib/format/time';

/** Expiry choices the forms offer, in hours: 2 h, 8 h, 1 d, 3 d, 7 d, 14 d, 30 d. */
export const EXPIRY_HOURS = [2, 8, 24, 72, 168, 336, 720] as const;

/** Protection choices, in hours: 8 h, 1 d, 3 d, 7 d, 14 d, 30 d. */
export const PROTECT_HOURS = [8, 24, 72, 168, 336, 720] as const;

/** The select value for "no end": never expires, or protected until unprotected. */
export const NO_END = 'never';

export interface DurationChoice {
  value: string;
  label: string;
}

export interface DurationChoices {
  choices: DurationChoice[];
  defaultValue: string;
}

/** A select value back to hours; null for "no end", undefined for anything unreadable. */
export function parseDuration(value: string): number | null | undefined {
  if (value === NO_END) return null;
  const hours = Number(value);
  return Number.isInteger(hours) && hours > 0 ? hours : undefined;
}

/**
 * Expiries within the administrator's maximum, the team default preselected (added when it
 * is not one of the usual choices), "never" for admins only — the rules the service applies.
 */
export function expiryChoices(limits: { maxTtlHours: number; isAdmin: boolean; defaultTtlHours: number | null }): DurationChoices {
  const teamDefault = limits.defaultTtlHours === null ? null : Math.min(limits.defaultTtlHours, limits.maxTtlHours);
  const hours = new Set<number>(EXPIRY_HOURS.filter((choice) => choice <= limits.maxTtlHours));
  if (teamDefault !== null) hours.add(teamDefault);
  if (hours.size === 0) hours.add(limits.maxTtlHours);
  const sorted = [...hours].sort((left, right) => left - right);
  const choices = sorted.map((choice) => ({
    value: String(choice),
    label: choice === teamDefault ? `${formatHours(choice)} (team default)` : formatHours(choice),
  }));
  if (limits.isAdmin) choices.push({ value: NO_END, label: 'Never (admins only)' });
  return { choices, defaultValue: String(teamDefault ?? sorted[0]) };
}

/** Leads protect for at most `maxLeadProtectHours`; admins for any time, or until unprotected. */
export function protectChoices(limits: { maxLeadProtectHours: number; isAdmin: boolean }): DurationChoices {
  const allowed = PROTECT_HOURS.filter((hours) => limits.isAdmin || hours <= limits.maxLeadProtectHours);
  const hours = allowed.length > 0 ? [...allowed] : [limits.maxLeadProtectHours];
  const choices = hours.map((choice) => ({ value: String(choice), label: formatHours(choice) }));
  if (limits.isAdmin) choices.push({ value: NO_END, label: 'Until unprotected (admins only)' });
  return { choices, defaultValue: String(hours.includes(24) ? 24 : hours[0]) };
}
