/**
 * The error codes every layer speaks (engine, domain services, actions, REST API, CLI).
 * Known codes become clear messages for the user; anything else is logged on the
 * server and shown as a generic message.
 */
export const ERROR_CODES = [
  /** The named database, snapshot, environment, team or token does not exist (or is not visible to the caller). */
  'NOT_FOUND',
  /** The caller is signed in but may not do this to this object. */
  'FORBIDDEN',
  /** No valid session or token. */
  'UNAUTHENTICATED',
  /** The object exists already, is busy, protected, or in a state that forbids the operation. */
  'CONFLICT',
  /** The input is invalid; `fieldErrors` says where. */
  'VALIDATION',
  /** The engine cannot be reached, or failed in a way the user cannot fix by changing the input. */
  'ENGINE_UNAVAILABLE',
  /** The engine (or its version) cannot do this operation. */
  'UNSUPPORTED',
  /** The operation did not finish in time. */
  'TIMEOUT',
  /** A team quota would be exceeded. */
  'QUOTA',
  /** Too many requests for this token. */
  'RATE_LIMITED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type FieldErrors = Record<string, string[]>;

/**
 * An error with a code from the union above. Its message is written for the user:
 * it may be shown as is. Never branch on the message, only on `code`.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;

  constructor(code: ErrorCode, message: string, options?: { fieldErrors?: FieldErrors; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = options?.fieldErrors;
  }
}

/**
 * True for an AppError, also one created by another copy of this module (Next.js
 * bundles server code separately from scripts run with tsx, so `instanceof` is not enough).
 */
export function isAppError(error: unknown): error is AppError {
  if (error instanceof AppError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { name?: unknown; code?: unknown; message?: unknown };
  return (
    candidate.name === 'AppError' && typeof candidate.message === 'string' && (ERROR_CODES as readonly unknown[]).includes(candidate.code)
  );
}

export const notFound = (message: string) => new AppError('NOT_FOUND', message);
/** `field` names the form field the conflict is about (e.g. a name already taken). */
export const conflict = (message: string, field?: string) =>
  new AppError('CONFLICT', message, field ? { fieldErrors: { [field]: [message] } } : undefined);
export const forbidden = (message: string) => new AppError('FORBIDDEN', message);
export const unsupported = (message: string) => new AppError('UNSUPPORTED', message);
export const validation = (message: string, fieldErrors?: FieldErrors) => new AppError('VALIDATION', message, { fieldErrors });
export const engineUnavailable = (message: string, cause?: unknown) => new AppError('ENGINE_UNAVAILABLE', message, { cause });

/** A message safe to show a user for any thrown value. */
export function userMessage(error: unknown): string {
  return isAppError(error) ? error.message : 'Something went wrong on the server. The error has been logged.';
}
