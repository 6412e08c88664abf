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

/** A host name or IP address, as in a URL (no scheme, port or path); IPv6 without brackets. */
const HOST_PATTERN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|[0-9a-f:.]+)$/;

export const allowedHostSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((host) => host.replace(/^\[(.*)\]$/, '$1'))
  .pipe(
    z
      .string()
      .min(1)
      .max(253)
      .regex(HOST_PATTERN, { message: 'Enter host names or IP addresses only, one per line (no http://, port or path).' }),
  );

/** Organisation-wide settings an admin can change (stored in AppSetting rows); shared by the form and the service. */
export const settingsSchema = z.object({
  /** No environment may be created or extended further than this, except by an admin choosing "never". */
  maxTtlHours: hours('the maximum expiry', 24 * 3650),
  /** How long a lead may protect an environment at once (admins are not bounded). */
  maxLeadProtectHours: hours('the longest protection by a lead', 24 * 365),
  /** How long before expiry the warning goes out. */
  expiryWarningHours: hours('the warning time', 24 * 30),
  /**
   * Hosts team webhooks may reach although they are (or resolve to) internal addresses —
   * loopback, private, link-local. Empty: webhooks go to public addresses only.
   */
  webhookAllowedHosts: z.array(allowedHostSchema).max(50, { message: 'At most 50 hosts.' }),
});
export type Settings = z.infer<typeof settingsSchema>;

/** What a save sends: a form (or client) that leaves the allow-list out keeps it as it is. */
export const settingsUpdateSchema = settingsSchema.partial({ webhookAllowedHosts: true });
export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>;
