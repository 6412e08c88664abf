import {
  ERROR_RESPONSES,
  type ErrorStatus,
  PARAMETERS,
  type ParameterName,
  SCHEMAS,
  type SchemaName,
  SECURITY_SCHEMES,
} from './openapi-components';
import type { OpenApiDocument, Operation, ResponseObject } from './openapi-types';

interface OperationSpec {
  id: string;
  summary: string;
  description?: string;
  tag: 'environments' | 'snapshots' | 'usage' | 'meta';
  /** The token permission(s) the operation needs, stated in the description. */
  permission?: string;
  parameters?: ParameterName[];
  body?: SchemaName;
  success: Record<number, { description: string; schema?: SchemaName; location?: boolean }>;
  errors: ErrorStatus[];
  public?: boolean;
}

/** Every authenticated operation can answer these. */
const ALWAYS: ErrorStatus[] = [400, 401, 413, 429, 500];

function operation(spec: OperationSpec): Operation {
  const responses: Operation['responses'] = {};
  for (const [status, success] of Object.entries(spec.success)) responses[status] = successResponse(success);
  for (const status of spec.public ? [500] : [...new Set([...ALWAYS, ...spec.errors])].sort((a, b) => a - b)) {
    responses[String(status)] = { $ref: `#/components/responses/Error${status}` };
  }
  const description = [spec.description, spec.permission && `Needs the token permission: ${spec.permission}.`].filter(Boolean).join('\n\n');
  return {
    operationId: spec.id,
    summary: spec.summary,
    ...(description ? { description } : {}),
    tags: [spec.tag],
    ...(spec.parameters ? { parameters: spec.parameters.map((name) => ({ $ref: `#/components/parameters/${name}` })) } : {}),
    ...(spec.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${spec.body}` } } } } }
      : {}),
    responses,
    ...(spec.public ? { security: [] } : {}),
  };
}

function successResponse(success: { description: string; schema?: SchemaName; location?: boolean }): ResponseObject {
  return {
    description: success.description,
    ...(success.location ? { headers: { Location: { description: 'Where to poll the environment.', schema: { type: 'string' } } } } : {}),
    ...(success.schema ? { content: { 'application/json': { schema: { $ref: `#/components/schemas/${success.schema}` } } } } : {}),
  };
}

const byName: ParameterName[] = ['name', 'engine'];

const PATHS: OpenApiDocument['paths'] = {
  '/api/v1/environments': {
    get: operation({
      id: 'listEnvironments',
      summary: "List the team's environments and production",
      tag: 'environments',
      permission: 'read',
      parameters: ['engine'],
      success: { 200: { description: 'The environments.', schema: 'EnvironmentList' } },
      errors: [403, 503],
    }),
    post: operation({
      id: 'createEnvironment',
      summary: "Provision an environment (a clone) for the token's team",
      tag: 'environments',
      description:
        'Clones "from" (production or a team environment) as it is now, or a snapshot. Answers 202 at once with status "provisioning" and a Location to poll; with ?wait=true, 201 once ready, 503 if the clone failed, or 202 after the timeout.',
      permission: 'provision (and read, to clone a team environment or a team snapshot)',
      parameters: ['engine', 'wait', 'timeout'],
      body: 'CreateEnvironmentRequest',
      success: {
        201: { description: 'Ready (with ?wait=true).', schema: 'EnvironmentState', location: true },
        202: { description: 'Provisioning; poll the Location.', schema: 'EnvironmentState', location: true },
      },
      errors: [403, 404, 409, 422, 503],
    }),
  },
  '/api/v1/environments/{name}': {
    get: operation({
      id: 'getEnvironment',
      summary: 'One environment, with its status and sizes',
      tag: 'environments',
      permission: 'read',
      parameters: byName,
      success: { 200: { description: 'The environment.', schema: 'Environment' } },
      errors: [403, 404, 503],
    }),
    delete: operation({
      id: 'dropEnvironment',
      summary: 'Drop an environment and its snapshots',
      tag: 'environments',
      description:
        'Answers with the bytes the drop freed (freedBytes). With ?dryRun=true nothing is dropped: the drop is checked as it would run (403, 404, 409 alike) and the answer says what it would free now (freedIfDroppedBytes, the figure GET and the storage page show).',
      permission: 'drop',
      parameters: [...byName, 'dryRun'],
      success: { 200: { description: 'Dropped, or (dry run) what dropping would free.', schema: 'DropEnvironmentAnswer' } },
      errors: [403, 404, 409, 503],
    }),
  },
  '/api/v1/environments/{name}/reset': {
    post: operation({
      id: 'resetEnvironment',
      summary: 'Reset to the state it was provisioned with',
      tag: 'environments',
      permission: 'reset',
      parameters: byName,
      success: { 200: { description: 'Reset; its state now.', schema: 'EnvironmentState' } },
      errors: [403, 404, 409, 422, 503],
    }),
  },
  '/api/v1/environments/{name}/extend': {
    post: operation({
      id: 'extendEnvironment',
      summary: 'Set a new expiry, counted from now',
      tag: 'environments',
      permission: 'provision',
      parameters: byName,
      body: 'ExtendEnvironmentRequest',
      success: { 200: { description: 'Extended; its state now.', schema: 'EnvironmentState' } },
      errors: [403, 404, 409, 422],
    }),
  },
  '/api/v1/environments/{name}/restore': {
    post: operation({
      id: 'restoreEnvironment',
      summary: 'Restore from one of its snapshots',
      tag: 'environments',
      description:
        'First takes a snapshot of the current state, named in the answer (undoSnapshot): restoring that one undoes the restore. Production needs "confirmation": its name, typed, and a token made by an administrator with the production permission.',
      permission: 'reset and read (production: also production)',
      parameters: byName,
      body: 'RestoreEnvironmentRequest',
      success: { 200: { description: 'Restored; its state now, and the undo snapshot.', schema: 'RestoredEnvironment' } },
      errors: [403, 404, 409, 422, 503],
    }),
  },
  '/api/v1/environments/{name}/protect': {
    post: operation({
      id: 'protectEnvironment',
      summary: 'Protect from drops and expiry for some hours, or unprotect (0)',
      tag: 'environments',
      permission: 'provision',
      parameters: byName,
      body: 'ProtectEnvironmentRequest',
      success: { 200: { description: 'Protected (or not); its state now.', schema: 'EnvironmentState' } },
      errors: [403, 404, 409, 422],
    }),
  },
  '/api/v1/environments/{name}/connection': {
    get: operation({
      id: 'getConnection',
      summary: 'Connection URL and psql command',
      tag: 'environments',
      permission: 'read (production: also production, which gives its read-write role)',
      parameters: [...byName, 'reveal'],
      success: { 200: { description: 'How to connect.', schema: 'Connection' } },
      errors: [403, 404, 409, 503],
    }),
  },
  '/api/v1/environments/{name}/sessions': {
    get: operation({
      id: 'listSessions',
      summary: 'Who is connected: role, address, since, state, statement',
      tag: 'environments',
      permission: 'read',
      parameters: byName,
      success: { 200: { description: 'The sessions (none when its server is stopped).', schema: 'SessionList' } },
      errors: [403, 404, 503],
    }),
  },
  '/api/v1/environments/{name}/sessions/{session}': {
    delete: operation({
      id: 'endSession',
      summary: 'End one session; its open transaction rolls back',
      tag: 'environments',
      permission: 'reset',
      parameters: [...byName, 'session'],
      success: { 204: { description: 'Ended.' } },
      errors: [403, 404, 422, 503],
    }),
  },
  '/api/v1/environments/{name}/credentials/rotate': {
    post: operation({
      id: 'rotateCredentials',
      summary: "New passwords for the environment's roles",
      tag: 'environments',
      permission: 'provision',
      parameters: byName,
      success: { 200: { description: 'Rotated; how to connect now (password revealed).', schema: 'Connection' } },
      errors: [403, 404, 409, 422, 503],
    }),
  },
  '/api/v1/environments/{name}/diff': {
    get: operation({
      id: 'diffEnvironment',
      summary: 'What changed: rows added, deleted and updated per table',
      tag: 'environments',
      permission: 'read',
      description:
        "Compares the environment with its base snapshot (its state when provisioned or last reset), or with `against`. Every figure is the engine's own count; an engine that cannot compare rows answers 422 UNSUPPORTED.",
      parameters: [...byName, 'against', 'table', 'limit'],
      success: { 200: { description: 'The differences.', schema: 'Diff' } },
      errors: [403, 404, 409, 422, 503],
    }),
  },
  '/api/v1/environments/{name}/merge': {
    post: operation({
      id: 'mergeEnvironment',
      summary: 'Merge its changes into another environment',
      tag: 'environments',
      permission: 'reset on the target, and read',
      description:
        "Carries the rows that differ into `into`, table by table in one transaction (all or nothing). A row changed on both sides: onConflict fail stops (409), skip keeps the target's, accept takes this one's.",
      parameters: byName,
      body: 'MergeRequest',
      success: { 200: { description: 'Merged.', schema: 'MergeResult' } },
      errors: [403, 404, 409, 422, 503],
    }),
  },
  '/api/v1/snapshots': {
    get: operation({
      id: 'listSnapshots',
      summary: "List the team's snapshots and production's",
      tag: 'snapshots',
      permission: 'read',
      parameters: ['engine', 'environment'],
      success: { 200: { description: 'The snapshots.', schema: 'SnapshotList' } },
      errors: [403, 404],
    }),
    post: operation({
      id: 'createSnapshot',
      summary: 'Snapshot an environment',
      description: 'Production can be snapshotted (before an upgrade) by a token an administrator made with the production permission.',
      tag: 'snapshots',
      permission: 'snapshot (production: also production)',
      parameters: ['engine'],
      body: 'CreateSnapshotRequest',
      success: { 201: { description: 'Taken.', schema: 'Snapshot' } },
      errors: [403, 404, 409, 422, 503],
    }),
  },
  '/api/v1/snapshots/{name}': {
    delete: operation({
      id: 'dropSnapshot',
      summary: 'Drop a snapshot',
      tag: 'snapshots',
      description:
        'Answers with the bytes freed and the clones still standing on its data. With ?dryRun=true nothing is dropped: the drop is checked as it would run and the answer says what it would free now (freedIfDroppedBytes, as the snapshot listing shows it).',
      permission: "snapshot (production's: also production)",
      parameters: [...byName, 'dryRun'],
      success: { 200: { description: 'Dropped, or (dry run) what dropping would free.', schema: 'DropSnapshotAnswer' } },
      errors: [403, 404, 409, 503],
    }),
  },
  '/api/v1/usage': {
    get: operation({
      id: 'getUsage',
      summary: "The team's environments against its quotas",
      tag: 'usage',
      permission: 'read',
      success: { 200: { description: 'Usage.', schema: 'Usage' } },
      errors: [403],
    }),
  },
  '/api/v1/openapi.json': {
    get: operation({
      id: 'getOpenApiDocument',
      summary: 'This document',
      tag: 'meta',
      success: { 200: { description: 'The OpenAPI 3.1 document.' } },
      errors: [],
      public: true,
    }),
  },
};

/** The API's OpenAPI 3.1 document, served at /api/v1/openapi.json. */
export function openApiDocument(): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Clonedeck API',
      version: '1.0.0',
      description:
        'Environments (copy-on-write clones) and snapshots for CI pipelines. Authenticate with an API token: `Authorization: Bearer cdk_…`. ' +
        'Errors are JSON `{ code, message }`. Requests are rate-limited per token (per server replica); a 429 carries Retry-After.',
    },
    servers: [{ url: '/', description: 'This Clonedeck server' }],
    security: [{ bearerToken: [] }],
    tags: [
      { name: 'environments', description: 'Clones, addressed by name.' },
      { name: 'snapshots', description: 'Named points in time of an environment.' },
      { name: 'usage', description: "The team's quotas and sizes." },
      { name: 'meta', description: 'About the API.' },
    ],
    paths: PATHS,
    components: {
      schemas: SCHEMAS,
      responses: Object.fromEntries(Object.entries(ERROR_RESPONSES).map(([status, response]) => [`Error${status}`, response])),
      parameters: PARAMETERS,
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}
