import { type ErrorCode, type FieldErrors, isAppError } from '@/lib/errors';
import { PayloadTooLargeError } from '@/lib/http/body';

/**
 * The REST API's error codes: the application's codes, plus BAD_REQUEST (the request itself
 * is malformed: not JSON, wrong types, unknown fields), PAYLOAD_TOO_LARGE (a body over the
 * route's limit) and INTERNAL (a bug, logged).
 */
export type ApiErrorCode = ErrorCode | 'BAD_REQUEST' | 'PAYLOAD_TOO_LARGE' | 'INTERNAL';

/**
 * One place maps codes to HTTP statuses.
 * - 400 BAD_REQUEST: the request cannot be read; fix the client.
 * - 422 VALIDATION / UNSUPPORTED / QUOTA: the request is well-formed but cannot be done as
 *   asked (a rule, the engine's abilities, the team's quota); the body's code says which.
 * - 409 CONFLICT: the object's state forbids it now (exists, busy, protected).
 * - 503 ENGINE_UNAVAILABLE / TIMEOUT: try again later.
 */
export const HTTP_STATUS: Record<ApiErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VALIDATION: 422,
  UNSUPPORTED: 422,
  QUOTA: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  ENGINE_UNAVAILABLE: 503,
  TIMEOUT: 503,
  INTERNAL: 500,
};

export const INTERNAL_ERROR_MESSAGE = 'Something went wrong on the server. The error has been logged.';

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
}

/** A malformed request, found by the route layer before any service runs. */
export class BadRequestError extends Error {
  readonly fieldErrors?: FieldErrors;

  constructor(message: string, fieldErrors?: FieldErrors) {
    super(message);
    this.name = 'BadRequestError';
    this.fieldErrors = fieldErrors;
  }
}

export function errorBody(error: unknown): ApiErrorBody {
  if (error instanceof BadRequestError) return withFields({ code: 'BAD_REQUEST', message: error.message }, error.fieldErrors);
  if (error instanceof PayloadTooLargeError) return { code: 'PAYLOAD_TOO_LARGE', message: error.message };
  if (isAppError(error)) return withFields({ code: error.code, message: error.message }, error.fieldErrors);
  console.error('[clonedeck] API request failed:', error);
  return { code: 'INTERNAL', message: INTERNAL_ERROR_MESSAGE };
}

export function errorResponse(error: unknown, headers?: HeadersInit): Response {
  const body = errorBody(error);
  return Response.json(body, { status: HTTP_STATUS[body.code], headers });
}

function withFields(body: ApiErrorBody, fieldErrors: FieldErrors | undefined): ApiErrorBody {
  return fieldErrors ? { ...body, fieldErrors } : body;
}
