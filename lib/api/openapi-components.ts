import { z } from 'zod';
import type { JsonSchema, OpenApiDocument, ParameterObject, ResponseObject } from './openapi-types';
import * as schemas from './schemas';
import * as branchSchemas from './schemas-branches';

/** JSON Schema of a zod schema, as a component (without the `$schema` header). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io });
  return rest;
}

/** Request bodies describe what is accepted (input); responses what is sent (output). */
export const SCHEMAS = {
  CreateEnvironmentRequest: jsonSchema(schemas.createEnvironmentRequest, 'input'),
  ExtendEnvironmentRequest: jsonSchema(schemas.extendEnvironmentRequest, 'input'),
  RestoreEnvironmentRequest: jsonSchema(schemas.restoreEnvironmentRequest, 'input'),
  ProtectEnvironmentRequest: jsonSchema(schemas.protectEnvironmentRequest, 'input'),
  RestoredEnvironment: jsonSchema(schemas.restoredEnvironmentSchema, 'output'),
  CreateSnapshotRequest: jsonSchema(schemas.createSnapshotRequest, 'input'),
  Environment: jsonSchema(schemas.environmentSchema, 'output'),
  EnvironmentState: jsonSchema(schemas.environmentStateSchema, 'output'),
  EnvironmentList: jsonSchema(schemas.environmentListSchema, 'output'),
  DropEnvironmentAnswer: jsonSchema(schemas.dropEnvironmentAnswerSchema, 'output'),
  Connection: jsonSchema(schemas.connectionSchema, 'output'),
  SessionList: jsonSchema(schemas.sessionListSchema, 'output'),
  Snapshot: jsonSchema(schemas.snapshotSchema, 'output'),
  SnapshotList: jsonSchema(schemas.snapshotListSchema, 'output'),
  DropSnapshotAnswer: jsonSchema(schemas.dropSnapshotAnswerSchema, 'output'),
  Usage: jsonSchema(schemas.usageSchema, 'output'),
  Diff: jsonSchema(branchSchemas.diffSchema, 'output'),
  MergeRequest: jsonSchema(branchSchemas.mergeRequest, 'input'),
  MergeResult: jsonSchema(branchSchemas.mergeResultSchema, 'output'),
  Error: jsonSchema(schemas.errorSchema, 'output'),
} satisfies Record<string, JsonSchema>;

export type SchemaName = keyof typeof SCHEMAS;

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

function errorResponse(description: string, headers?: ResponseObject['headers']): ResponseObject {
  return headers ? { description, headers, content: errorContent } : { description, content: errorContent };
}

/** Error responses by HTTP status (errors.ts maps codes to them); every body is `{ code, message, fieldErrors? }`. */
export const ERROR_RESPONSES = {
  400: errorResponse('BAD_REQUEST: the body is not JSON, or a field or query parameter has the wrong type or is unknown.'),
  401: errorResponse('UNAUTHENTICATED: the bearer token is missing, unknown, revoked or expired (the message says which).', {
    'WWW-Authenticate': { description: 'Bearer realm="clonedeck"', schema: { type: 'string' } },
  }),
  403: errorResponse('FORBIDDEN: the token lacks the permission this needs (or tokens may not do this to production).'),
  404: errorResponse("NOT_FOUND: no such environment or snapshot that this token's team can see."),
  409: errorResponse('CONFLICT: the name is taken, or the environment is busy, protected or not ready.'),
  413: errorResponse('PAYLOAD_TOO_LARGE: the request body is over the limit (8 KiB for these JSON commands).'),
  422: errorResponse(
    'VALIDATION, UNSUPPORTED or QUOTA: well-formed, but breaks a rule, needs an ability the engine lacks, or exceeds the team quota.',
  ),
  429: errorResponse('RATE_LIMITED: too many requests with this token.', {
    'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } },
  }),
  503: errorResponse('ENGINE_UNAVAILABLE or TIMEOUT: the engine could not do it now (a failed clone also answers this); retry later.'),
  500: errorResponse('INTERNAL: an unexpected error, logged on the server.'),
} satisfies Record<number, ResponseObject>;

export type ErrorStatus = keyof typeof ERROR_RESPONSES;

export const PARAMETERS = {
  name: { name: 'name', in: 'path', required: true, description: 'The environment (or snapshot) name.', schema: { type: 'string' } },
  engine: {
    name: 'engine',
    in: 'query',
    required: false,
    description: "Engine id, when the server has several; default: the server's default engine.",
    schema: { type: 'string' },
  },
  wait: {
    name: 'wait',
    in: 'query',
    required: false,
    description: 'true: answer when the clone is ready (201) or failed (503), or after `timeout` seconds (202, still provisioning).',
    schema: { type: 'string', enum: ['true', 'false', '1', '0'] },
  },
  timeout: {
    name: 'timeout',
    in: 'query',
    required: false,
    description: 'Seconds to wait, 1–300 (default 60).',
    schema: { type: 'string', pattern: '^[0-9]{1,4}$' },
  },
  session: {
    name: 'session',
    in: 'path',
    required: true,
    description: 'A session id from the list.',
    schema: { type: 'string', pattern: '^[0-9]{1,10}$' },
  },
  environment: {
    name: 'environment',
    in: 'query',
    required: false,
    description: 'Only the snapshots of this environment.',
    schema: { type: 'string' },
  },
  dryRun: {
    name: 'dryRun',
    in: 'query',
    required: false,
    description: 'true: drop nothing; check the drop and answer with what it would free now.',
    schema: { type: 'string', enum: ['true', 'false', '1', '0'] },
  },
  reveal: {
    name: 'reveal',
    in: 'query',
    required: false,
    description:
      'true: include the password (and put it in the URL), on engines with per-environment credentials. Audited. (Tokens cannot connect to production.)',
    schema: { type: 'string', enum: ['true', 'false', '1', '0'] },
  },
  against: {
    name: 'against',
    in: 'query',
    required: false,
    description:
      'Compare with this snapshot or environment (snapshot:NAME, env:NAME, or NAME: a snapshot first). Default: its base snapshot.',
    schema: { type: 'string' },
  },
  table: {
    name: 'table',
    in: 'query',
    required: false,
    description: 'Also return changed rows of this table.',
    schema: { type: 'string' },
  },
  limit: {
    name: 'limit',
    in: 'query',
    required: false,
    description: 'Changed rows in the sample, 1–200 (default 20).',
    schema: { type: 'string', pattern: '^[0-9]{1,3}$' },
  },
} satisfies Record<string, ParameterObject>;

export type ParameterName = keyof typeof PARAMETERS;

export const SECURITY_SCHEMES: OpenApiDocument['components']['securitySchemes'] = {
  bearerToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API token (cdk_…) made on the Tokens page: scoped to one team and a set of permissions (read, provision, reset, drop, snapshot).',
  },
};
