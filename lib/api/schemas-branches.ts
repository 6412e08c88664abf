import { z } from 'zod';

/** Data-branch bodies of the REST API (diff and merge), kept beside schemas.ts for size. */

const objectName = z.string().min(1).max(128);
const counts = z
  .object({ added: z.number().int(), deleted: z.number().int(), updated: z.number().int() })
  .describe('Rows added, deleted and updated since the common base, as the engine counted them.');

export const diffSchema = z.object({
  environment: z.string(),
  against: z.object({
    kind: z.enum(['base', 'snapshot', 'environment']).describe('base: the reset point it was provisioned with.'),
    name: z.string(),
  }),
  tables: z.array(
    z.object({
      table: z.string(),
      presence: z.enum(['both', 'only-here', 'only-there']),
      here: counts.nullable().describe('Changes in this environment; null when the table was not compared.'),
      there: counts.nullable().describe('Changes on the other side (zero against a snapshot of its own past).'),
      columns: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }).optional(),
      refused: z.string().optional().describe('Why the engine did not compare a table both sides hold.'),
    }),
  ),
  sample: z
    .object({
      table: z.string(),
      columns: z.array(z.string()),
      rows: z.array(z.object({ change: z.enum(['added', 'deleted', 'updated']), values: z.array(z.unknown()) })),
      truncated: z.boolean(),
      allFromHere: z.boolean().describe('False when both sides changed: the engine does not say which side a row changed on.'),
    })
    .nullable(),
});

export const mergeRequest = z.strictObject({
  into: objectName.describe('The environment the changes go into.'),
  onConflict: z
    .enum(['fail', 'skip', 'accept'])
    .describe("A row changed on both sides: stop (nothing merged), keep the target's, or take this environment's."),
  tables: z.array(z.string().min(1).max(64)).min(1).optional().describe('Omitted: every table that differs.'),
  confirmation: z.string().optional().describe("The target's name, when it is production."),
});

export const mergeResultSchema = z.object({
  name: z.string(),
  into: z.string(),
  tables: z.array(z.string()).describe('The tables merged.'),
});

export type ApiDiff = z.infer<typeof diffSchema>;
