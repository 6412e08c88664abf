import {
  connectionRoute,
  extendEnvironmentRoute,
  protectEnvironmentRoute,
  resetEnvironmentRoute,
  restoreEnvironmentRoute,
} from '../handlers/environment-actions';
import { createEnvironmentRoute, dropEnvironmentRoute, getEnvironmentRoute, listEnvironmentsRoute } from '../handlers/environments';
import { createSnapshotRoute, dropSnapshotRoute, listSnapshotsRoute } from '../handlers/snapshots';
import { usageRoute } from '../handlers/usage';
import type { ApiContext } from '../handler';

type Handler = (context: ApiContext, request: Request, params: { name: string }) => Promise<Response>;

/** The same handlers the app/api/v1 route files call, keyed like the OpenAPI paths. */
export const API_HANDLERS: Record<string, Handler> = {
  'GET /api/v1/environments': (context, request) => listEnvironmentsRoute(context, request),
  'POST /api/v1/environments': (context, request) => createEnvironmentRoute(context, request),
  'GET /api/v1/environments/{name}': getEnvironmentRoute,
  'DELETE /api/v1/environments/{name}': dropEnvironmentRoute,
  'POST /api/v1/environments/{name}/reset': resetEnvironmentRoute,
  'POST /api/v1/environments/{name}/extend': extendEnvironmentRoute,
  'POST /api/v1/environments/{name}/restore': restoreEnvironmentRoute,
  'POST /api/v1/environments/{name}/protect': protectEnvironmentRoute,
  'GET /api/v1/environments/{name}/connection': connectionRoute,
  'GET /api/v1/snapshots': (context, request) => listSnapshotsRoute(context, request),
  'POST /api/v1/snapshots': (context, request) => createSnapshotRoute(context, request),
  'DELETE /api/v1/snapshots/{name}': dropSnapshotRoute,
  'GET /api/v1/usage': (context, request) => usageRoute(context, request),
};

export interface ApiCall {
  /** e.g. "DELETE /api/v1/environments/{name}" */
  route: string;
  name?: string;
  token?: string | null;
  body?: unknown;
  /** Sent as is (for malformed bodies). */
  rawBody?: string;
  query?: Record<string, string>;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Calls a handler with a real Request, as Next.js would after routing. */
export async function callApi(context: ApiContext, call: ApiCall): Promise<ApiAnswer> {
  const handler = API_HANDLERS[call.route];
  if (!handler) throw new Error(`no handler for ${call.route}`);
  const [method, template] = call.route.split(' ') as [string, string];
  const url = new URL(`http://localhost${template.replace('{name}', encodeURIComponent(call.name ?? ''))}`);
  for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, value);
  const headers = new Headers();
  if (call.token) headers.set('authorization', `Bearer ${call.token}`);
  const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
  const body = !hasBody ? undefined : (call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body)));
  if (body !== undefined) headers.set('content-type', 'application/json');
  const response = await handler(context, new Request(url, { method, headers, body }), { name: call.name ?? '' });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}
