import { z } from 'zod';
import { reservedNameProblem } from '@/lib/engines/reserved-names';
import { plainLine } from './text';

/** Environment names leave room for the "_base" suffix of their reset snapshot (63 in all). */
export const ENVIRONMENT_NAME_MAX = 56;
const NAME_RULE = `Use 1–${ENVIRONMENT_NAME_MAX} lower-case letters, digits or underscores, starting with a letter.`;

export const environmentNameSchema = z
  .string()
  .trim()
  .regex(new RegExp(`^[a-z][a-z0-9_]{0,${ENVIRONMENT_NAME_MAX - 1}}$`), { message: NAME_RULE })
  .superRefine((name, issues) => {
    const problem = reservedNameProblem(name);
    if (problem) issues.addIssue({ code: 'custom', message: problem });
  });

export const snapshotNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, { message: 'Use 1–63 lower-case letters, digits or underscores, starting with a letter.' });

export const purposeSchema = z
  .string()
  .trim()
  .min(3, { message: 'Say in a few words what this is for.' })
  .max(200, { message: 'Keep the purpose under 200 characters.' })
  .pipe(plainLine());

/** Hours until expiry; null means never (admins only). */
export const ttlHoursSchema = z
  .number({ message: 'Choose an expiry.' })
  .int()
  .min(1, { message: 'The expiry must be at least one hour away.' })
  .max(24 * 3650, { message: 'That expiry is too far away.' })
  .nullable();

export const cloneSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('environment'), environmentId: z.string().min(1, { message: 'Choose what to clone.' }) }),
  z.object({ kind: z.literal('snapshot'), snapshotId: z.string().min(1, { message: 'Choose a snapshot.' }) }),
]);

/** Operations on one environment that take nothing else (reset, drop, rotate credentials). */
export const environmentRefSchema = z.object({ environmentId: z.string().min(1) });

/** Operations on one snapshot that take nothing else (drop snapshot). */
export const snapshotRefSchema = z.object({ snapshotId: z.string().min(1) });

/**
 * What a provision's plan depends on (what "Show SQL" is asked with): with the team and the
 * expiry, the plan also says until when the credentials are valid.
 */
export const provisionPlanSchema = z.object({
  name: environmentNameSchema,
  source: cloneSourceSchema,
  teamId: z.string().min(1).optional(),
  /** Omitted: the team's default. */
  ttlHours: ttlHoursSchema.optional(),
});

export const provisionSchema = provisionPlanSchema.extend({
  teamId: z.string().min(1, { message: 'Choose a team.' }),
  purpose: purposeSchema,
});
export type ProvisionInput = z.infer<typeof provisionSchema>;

/** What a snapshot's plan depends on. */
export const snapshotPlanSchema = z.object({
  environmentId: z.string().min(1),
  name: snapshotNameSchema,
  /** Table-level snapshots where the engine can; omitted for the whole database. */
  table: z
    .string()
    .trim()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, { message: 'Not a valid table name.' })
    .optional(),
});

export const createSnapshotSchema = snapshotPlanSchema.extend({ purpose: purposeSchema });
export type CreateSnapshotInput = z.infer<typeof createSnapshotSchema>;

export const extendSchema = z.object({ environmentId: z.string().min(1), ttlHours: ttlHoursSchema });

/** What a restore's plan depends on. */
export const restorePlanSchema = z.object({
  environmentId: z.string().min(1),
  snapshotId: z.string().min(1, { message: 'Choose a snapshot.' }),
});

export const restoreSchema = restorePlanSchema.extend({
  /** For production: the database name, typed to confirm (by an admin, or an admin's token with the production permission). */
  confirmation: z.string().optional(),
});

export const protectSchema = z.object({
  environmentId: z.string().min(1),
  /** Hours of protection; null: until unprotected (admins only); 0: unprotect. */
  hours: z
    .number()
    .int()
    .min(0)
    .max(24 * 3650)
    .nullable(),
});

export const consoleQuerySchema = z.object({
  environmentId: z.string().min(1),
  sql: z.string().trim().min(1, { message: 'Type a SQL statement to run.' }).max(100_000),
  readOnly: z.boolean(),
});
