import { z } from 'zod';
import { ERROR_CODES } from '@/lib/errors';
import { TTL_TEXT_PATTERN } from './ttl';
import { ENVIRONMENT_STATUSES } from '@/lib/domain/environments/status';

/**
 * The REST API's bodies, as zod schemas: route handlers parse requests with them, tests
 * parse responses with them, and the OpenAPI document is generated from them, so the
 * document cannot drift from what the code accepts and returns.
 */

const objectName = z.string().min(1).max(128);
const timestamp = z.string().describe('ISO 8601 date-time, UTC');
export const ttlSchema = z
  .union([z.string().regex(TTL_TEXT_PATTERN), z.number().int().min(1)])
  .describe('Time to live: "2h", "1d", "1w", or a whole number of hours.');

export const createEnvironmentRequest = z.strictObject({
  from: objectName.optional().describe('Environment to clone as it is now: "production" or a team environment. Optional with "snapshot".'),
  snapshot: objectName.optional().describe('Clone this snapshot instead (it must be a snapshot of "from" when both are given).'),
  purpose: z.string().min(1).max(200),
  ttl: ttlSchema.optional().describe('Omitted: the team default.'),
  name: objectName.optional().describe('Omitted: team_purpose_yyyymmdd_hhmm.'),
});

export const extendEnvironmentRequest = z.strictObject({ ttl: ttlSchema });
export const restoreEnvironmentRequest = z.strictObject({
  snapshot: objectName,
  confirmation: z
    .string()
    .max(128)
    .optional()
    .describe("Production only: its name, typed to confirm, as the dashboard asks (needs the token's production permission)."),
});
export const protectEnvironmentRequest = z.strictObject({
  hours: z
    .number()
    .int()
    .min(0)
    .max(24 * 3650)
    .describe("Hours of protection from now (a lead at most the administrator's limit); 0 unprotects."),
});
export const createSnapshotRequest = z.strictObject({
  environment: objectName,
  name: objectName,
  purpose: z.string().min(1).max(200),
  table: z.string().min(1).max(64).optional().describe('Snapshot one table, where the engine can.'),
});

const environmentStatus = z.enum(ENVIRONMENT_STATUSES);

/** What a mutation answers with: enough to poll and to decide what next. */
export const environmentStateSchema = z.object({
  name: z.string(),
  engine: z.string(),
  status: environmentStatus,
  statusMessage: z.string().nullable(),
  lastError: z.string().nullable(),
  expiresAt: timestamp.nullable(),
});

export const restoredEnvironmentSchema = environmentStateSchema.extend({
  undoSnapshot: z.string().describe('The snapshot taken of the state the restore replaced: restore it to undo the restore.'),
});

export const environmentSchema = environmentStateSchema.extend({
  team: z.string().nullable().describe('Owning team; null for production.'),
  purpose: z.string(),
  createdBy: z.string(),
  createdAt: timestamp,
  isProduction: z.boolean(),
  protected: z.boolean(),
  sourceDatabase: z.string().nullable(),
  sourceSnapshot: z.string().nullable(),
  logicalBytes: z.number().nullable(),
  ownBytes: z.number().nullable().describe('Bytes only this environment holds (its delta); null where the engine cannot tell.'),
  freedIfDroppedBytes: z
    .number()
    .nullable()
    .describe('Bytes dropping it (with its snapshots) gives back now, as DELETE will report them; null where the engine cannot tell.'),
  pinnedBytes: z.number().nullable().describe('Bytes kept only because of its snapshots; null where the engine cannot tell.'),
});

export const environmentListSchema = z.object({ environments: z.array(environmentSchema) });

export const droppedEnvironmentSchema = z.object({
  name: z.string(),
  dropped: z.literal(true),
  freedBytes: z.number().nullable().describe('Bytes the drop gave back (with its snapshots); null where the engine cannot tell.'),
});

/** DELETE …?dryRun=true: the drop's checks and its figure, nothing dropped. */
export const dropPreviewSchema = z.object({
  name: z.string(),
  dropped: z.literal(false),
  freedIfDroppedBytes: z
    .number()
    .nullable()
    .describe('Bytes the drop would give back now: the figure GET, the listings and the storage page show.'),
});

export const dropEnvironmentAnswerSchema = z.union([droppedEnvironmentSchema, dropPreviewSchema]);

export const connectionSchema = z.object({
  name: z.string(),
  protocol: z.enum(['postgres', 'mysql']),
  host: z.string(),
  port: z.number().int(),
  user: z.string(),
  database: z.string(),
  url: z.string().describe('Connection URL; a password, if any, is masked.'),
  command: z.string().describe('A ready-to-paste psql or mysql command.'),
  notes: z.array(z.string()),
  access: z.enum(['read-write', 'read-only']).optional().describe('Engines with per-environment credentials: what this role may do.'),
  password: z.string().optional().describe('Only with ?reveal=true.'),
});

export const snapshotSchema = z.object({
  name: z.string(),
  engine: z.string(),
  level: z.enum(['cluster', 'account', 'database', 'table']),
  database: z.string().nullable(),
  table: z.string().nullable(),
  purpose: z.string(),
  createdAt: timestamp,
  resetPointOf: z.string().nullable().describe('The environment this snapshot is the reset point of.'),
  freedIfDroppedBytes: z
    .number()
    .nullable()
    .describe('Bytes dropping it alone gives back now, as DELETE will report them; null where the engine cannot tell or not yet measured.'),
});

export const snapshotListSchema = z.object({ snapshots: z.array(snapshotSchema) });

export const sessionListSchema = z.object({
  sessions: z.array(
    z.object({
      id: z.string().describe('What DELETE …/sessions/{id} takes.'),
      user: z.string(),
      address: z.string().nullable(),
      since: z.string(),
      state: z.string(),
      query: z.string().nullable(),
      stateSince: z.string().nullable(),
      waitingFor: z.string().nullable(),
    }),
  ),
});

export const droppedSnapshotSchema = z.object({
  name: z.string(),
  dropped: z.literal(true),
  freedBytes: z.number().nullable(),
  pinnedBy: z.array(z.string()).describe('Clones still standing on its data.'),
});

export const dropSnapshotAnswerSchema = z.union([droppedSnapshotSchema, dropPreviewSchema]);

const heldBytes = {
  logicalBytes: z.number(),
  ownBytes: z.number(),
  freedIfDroppedBytes: z.number().describe('Sum of what dropping each environment alone gives back now (shared data counts in neither).'),
  pinnedBytes: z.number().describe('Sum of what only their snapshots keep.'),
};

export const usageSchema = z.object({
  team: z.object({ name: z.string(), displayName: z.string(), maxEnvironments: z.number().int(), maxOwnBytes: z.number().nullable() }),
  environmentCount: z.number().int(),
  ...heldBytes,
  engines: z
    .array(z.object({ engine: z.string(), environmentCount: z.number().int(), ...heldBytes }))
    .describe("The same sums per engine the team's environments live on (over the environments whose engine reports each figure)."),
  environments: z.array(
    z.object({
      name: z.string(),
      engine: z.string(),
      status: environmentStatus,
      logicalBytes: z.number().nullable(),
      ownBytes: z.number().nullable(),
      freedIfDroppedBytes: z.number().nullable(),
      pinnedBytes: z.number().nullable(),
      expiresAt: timestamp.nullable(),
    }),
  ),
});

export const errorSchema = z.object({
  code: z.enum([...ERROR_CODES, 'BAD_REQUEST', 'PAYLOAD_TOO_LARGE', 'INTERNAL']),
  message: z.string(),
  fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
});

export type ApiEnvironment = z.infer<typeof environmentSchema>;
export type ApiEnvironmentState = z.infer<typeof environmentStateSchema>;
export type ApiSnapshot = z.infer<typeof snapshotSchema>;
export type ApiConnection = z.infer<typeof connectionSchema>;
