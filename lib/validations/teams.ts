import { z } from 'zod';
import { optionalWebhookUrlSchema } from './webhooks';

/** A team's default expiry is bounded like any expiry (the admin's maximum is checked by the service). */
export const TEAM_DEFAULT_TTL_HOURS_MAX = 24 * 3650;
export const TEAM_MAX_ENVIRONMENTS_LIMIT = 1000;
/** A delta quota below a mebibyte would refuse every clone: its first page write already counts. */
export const TEAM_MIN_OWN_BYTES_QUOTA = 1024 * 1024;
export const WEBHOOK_SECRET_MIN = 16;

const defaultTtlHoursSchema = z
  .number({ message: 'Enter a number of hours.' })
  .int({ message: 'Use whole hours.' })
  .min(1, { message: 'The default expiry must be at least one hour.' })
  .max(TEAM_DEFAULT_TTL_HOURS_MAX, { message: 'That default expiry is too far away.' });

const maxEnvironmentsSchema = z
  .number({ message: 'Enter a number of environments.' })
  .int({ message: 'Use a whole number.' })
  .min(0, { message: 'The quota cannot be negative.' })
  .max(TEAM_MAX_ENVIRONMENTS_LIMIT, { message: `At most ${TEAM_MAX_ENVIRONMENTS_LIMIT} environments per team.` });

/** Bytes of delta; null: no limit. */
const maxOwnBytesSchema = z
  .number({ message: 'Enter a size, or choose no limit.' })
  .int({ message: 'Use whole bytes.' })
  .min(TEAM_MIN_OWN_BYTES_QUOTA, { message: 'Allow at least 1 MiB, or choose no limit.' })
  .max(Number.MAX_SAFE_INTEGER, { message: 'That quota is too large.' })
  .nullable();

/** Where expiry warnings are posted; '' (or null) clears it. The rules live with the webhooks. */
const webhookUrlSchema = z.union([optionalWebhookUrlSchema, z.null()]);

const webhookSecretSchema = z
  .string()
  .min(WEBHOOK_SECRET_MIN, { message: `Use at least ${WEBHOOK_SECRET_MIN} characters for the secret.` })
  .max(256, { message: 'Keep the secret under 256 characters.' })
  .nullable();

/**
 * Team settings, shared by the team settings form and the service. A field left out is
 * left unchanged, so a lead's form sends no quota fields. The secret is write-only:
 * omitted keeps it, null clears it, a string replaces it.
 */
export const teamSettingsSchema = z.object({
  teamId: z.string().min(1),
  defaultTtlHours: defaultTtlHoursSchema.optional(),
  maxEnvironments: maxEnvironmentsSchema.optional(),
  maxOwnBytes: maxOwnBytesSchema.optional(),
  webhookUrl: webhookUrlSchema.optional(),
  webhookSecret: webhookSecretSchema.optional(),
});
export type TeamSettingsInput = z.input<typeof teamSettingsSchema>;
export type TeamSettingsChange = z.output<typeof teamSettingsSchema>;

/** Quota fields: only administrators may send them. */
export const QUOTA_FIELDS = ['maxEnvironments', 'maxOwnBytes'] as const;
