import { z } from 'zod';

/** The most changed rows a diff sample returns (the UI asks for fewer). */
export const DIFF_SAMPLE_MAX = 200;

const tableNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, { message: 'Use a table name: letters, digits or underscores.' });

/** What an environment is compared with: its base snapshot when unset. */
export const diffAgainstSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('snapshot'), snapshotId: z.string().min(1, { message: 'Choose a snapshot.' }) }),
  z.object({ kind: z.literal('environment'), environmentId: z.string().min(1, { message: 'Choose an environment.' }) }),
]);

export const diffSchema = z.object({
  environmentId: z.string().min(1),
  against: diffAgainstSchema.optional(),
  /** A table whose changed rows to return as well. */
  sampleTable: tableNameSchema.optional(),
  sampleLimit: z.number().int().min(1).max(DIFF_SAMPLE_MAX).default(20),
});
export type DiffInput = z.input<typeof diffSchema>;

export const mergeConflictSchema = z.enum(['fail', 'skip', 'accept'], { message: 'Choose fail, skip or accept.' });

export const mergeSchema = z.object({
  /** The environment whose changes are merged. */
  environmentId: z.string().min(1),
  /** The environment they are merged into. */
  targetEnvironmentId: z.string().min(1, { message: 'Choose where to merge.' }),
  onConflict: mergeConflictSchema,
  /** Tables to merge; every table that differs when unset. */
  tables: z.array(tableNameSchema).min(1).max(500).optional(),
  /** The target's name, typed, when the target is production. */
  confirmation: z.string().optional(),
});
export type MergeInput = z.input<typeof mergeSchema>;
