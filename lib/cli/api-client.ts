import type { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '@/lib/errors';
import type { ApiConfig } from './api-config';
import { EXIT, exitCodeFor } from './exit-codes';

/** A failed API call: the server's `{ code, message }` (or what went wrong reaching it) and the exit code. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }

  get exitCode(): number {
    return exitCodeForResponse(this.status, this.code);
  }
}

const isErrorCode = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);

/**
 * The process exit code for an API answer: the body's error code when it is one of ours
 * (so 422 QUOTA and 422 VALIDATION differ), else the HTTP status.
 */
export function exitCodeForResponse(status: number, code?: string): number {
  if (code && isErrorCode(code)) return exitCodeFor(code);
  if (code === 'BAD_REQUEST' || code === 'PAYLOAD_TOO_LARGE') return EXIT.usage;
  if (status === 400 || status === 413 || status === 422) return EXIT.usage;
  if (status === 401 || status === 403) return EXIT.auth;
  if (status === 404) return EXIT.notFound;
  if (status === 409) return EXIT.conflict;
  if (status === 429) return EXIT.quota;
  if (status === 0 || status === 502 || status === 503 || status === 504) return EXIT.engine;
  return EXIT.internal;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

export interface RequestOptions<T> {
  query?: Record<string, string | undefined>;
  body?: unknown;
  schema: z.ZodType<T>;
  /** Milliseconds before giving up on the server's answer. */
  timeoutMs?: number;
}

export class ApiClient {
  constructor(
    readonly config: ApiConfig,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async request<T>(method: string, path: string, options: RequestOptions<T>): Promise<{ status: number; body: T }> {
    const url = new URL(`${this.config.url}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    const headers: Record<string, string> = { authorization: `Bearer ${this.config.token}`, accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.send(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
    });
    const text = await response.text();
    const json = parseJson(text);
    if (!response.ok) throw answerError(response.status, json, this.config.url);
    const parsed = options.schema.safeParse(json);
    if (!parsed.success)
      throw new ApiRequestError(
        response.status,
        'INTERNAL',
        `The server at ${this.config.url} sent an answer this CLI does not understand (a version mismatch?).`,
      );
    return { status: response.status, body: parsed.data };
  }

  private async send(url: URL, init: RequestInit): Promise<Response> {
    try {
      return await this.fetchImpl(url, init);
    } catch (error) {
      throw networkError(error, this.config.url);
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function answerError(status: number, json: unknown, server: string): ApiRequestError {
  const body = json as { code?: unknown; message?: unknown } | null;
  if (body && typeof body.code === 'string' && typeof body.message === 'string')
    return new ApiRequestError(status, body.code, body.message);
  return new ApiRequestError(
    status,
    `HTTP_${status}`,
    `The server at ${server} answered HTTP ${status} without an API error: is the URL that of a Clonedeck server?`,
  );
}

/** Connection refused, DNS, timeouts: a clear sentence and the engine/server exit code. */
export function networkError(error: unknown, server: string): ApiRequestError {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new ApiRequestError(0, 'TIMEOUT', `The server at ${server} did not answer in time.`);
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : 'network error';
  const hint = NETWORK_CODES.has(code) ? 'Is the server running, and is the URL right?' : 'Check the URL and the network.';
  return new ApiRequestError(0, 'ENGINE_UNAVAILABLE', `Cannot reach the Clonedeck server at ${server} (${code}). ${hint}`);
}
