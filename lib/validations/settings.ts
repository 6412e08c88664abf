import { z } from 'zod';

const hours = (what: string, max: number) =>
  z
    .number({ message: `Enter ${what} in whole hours.` })
    .int({ message: `Enter ${what} in whole hours.` })
    .min(1, { message: `${capitalize(what)} must be at least 1 hour.` })
    .max(max, { message: `${capitalize(what)} can be at most ${max} hours.` });

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Organisation-wide settings an admin can change (stored in AppSetting rows); shared by the form and the service. */
export const settingsSchema = z.object({
  /** No environment may be created or extended further than this, except by an admin choosing "never". */
  maxTtlHours: hours('the maximum expiry', 24 * 3650),
  /** How long a lead may protect an environment at once (admins are not bounded). */
  maxLeadProtectHours: hours('the longest protection by a lead', 24 * 365),
  /** How long before expiry the warning goes out. */
  expiryWarningHours: hours('the warning time', 24 * 30),
});
export type Settings = z.infer<typeof settingsSchema>;
