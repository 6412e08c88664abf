import { AppError, isAppError, type ErrorCode } from '@/lib/errors';

/**
 * Maps errors from the Postgres protocol (YugabyteDB, and the PostgreSQL server the
 * plumbing is tested against) to the contract's codes, by SQLSTATE and by Node's error
 * codes, never by message text. Messages are written for the user; the driver error is
 * kept as `cause`.
 */

export interface PgErrorContext {
  operation: string;
  /** Shown in messages, e.g. "YugabyteDB at 10.0.0.5:5433". */
  server: string;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ETIMEDOUT',
]);

/** SQLSTATE → contract code (exact codes first, then classes by their first two characters). */
const SQLSTATE_CODES = new Map<string, ErrorCode>([
  ['57014', 'TIMEOUT'], // query_canceled: statement_timeout
  ['3D000', 'NOT_FOUND'], // invalid_catalog_name: no such database
  ['42P01', 'NOT_FOUND'], // undefined_table
  ['42P04', 'CONFLICT'], // duplicate_database
  ['42P06', 'CONFLICT'], // duplicate_schema
  ['42P07', 'CONFLICT'], // duplicate_table
  ['23505', 'CONFLICT'], // unique_violation
  ['55006', 'CONFLICT'], // object_in_use: other sessions use the database
  ['28P01', 'ENGINE_UNAVAILABLE'], // invalid_password: the configured credentials are wrong
  ['28000', 'ENGINE_UNAVAILABLE'], // invalid_authorization_specification (unknown role, pg_hba)
  ['42501', 'FORBIDDEN'], // insufficient_privilege
  ['25006', 'FORBIDDEN'], // read_only_sql_transaction: a write in a read-only query
  ['0A000', 'UNSUPPORTED'], // feature_not_supported
  ['42601', 'UNSUPPORTED'], // syntax_error: the server's grammar is not the one we wrote for
]);
const SQLSTATE_CLASSES = new Map<string, ErrorCode>([
  ['08', 'ENGINE_UNAVAILABLE'], // connection exception
  ['57', 'ENGINE_UNAVAILABLE'], // operator intervention: admin_shutdown (pg_terminate_backend), crash
  ['53', 'ENGINE_UNAVAILABLE'], // insufficient resources
  ['58', 'ENGINE_UNAVAILABLE'], // system error
]);

function sqlStateOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

function nodeCodeOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && CONNECTION_CODES.has(code) ? code : undefined;
}

/** The contract code for a driver error; undefined when nothing identifies it. */
export function codeForPgError(error: unknown): ErrorCode | undefined {
  if (nodeCodeOf(error)) return 'ENGINE_UNAVAILABLE';
  const state = sqlStateOf(error);
  if (state === undefined) return undefined;
  return SQLSTATE_CODES.get(state) ?? SQLSTATE_CLASSES.get(state.slice(0, 2));
}

/** True when a client that saw this error must not go back to the pool. */
export function isBrokenConnectionError(error: unknown): boolean {
  if (nodeCodeOf(error)) return true;
  const state = sqlStateOf(error);
  // No SQLSTATE at all means the driver itself failed (e.g. "Connection terminated").
  return state === undefined || state.startsWith('08') || state.startsWith('57P');
}

function messageFor(code: ErrorCode | undefined, state: string | undefined, context: PgErrorContext): string {
  const { operation, server } = context;
  switch (code) {
    case 'TIMEOUT':
      return `${server} did not finish "${operation}" in time.`;
    case 'NOT_FOUND':
      return `${server} could not "${operation}": a database or table it names does not exist.`;
    case 'CONFLICT':
      return state === '55006'
        ? `${server} could not "${operation}": other sessions are using the database.`
        : `${server} could not "${operation}": the object exists already.`;
    case 'FORBIDDEN':
      return `${server} refused "${operation}": not allowed for the configured user (or the query is read-only).`;
    case 'UNSUPPORTED':
      return `${server} does not support "${operation}" as written.`;
    case 'ENGINE_UNAVAILABLE':
      return state === '28P01' || state === '28000'
        ? `${server} refused the configured user or password; fix the engine URL.`
        : `${server} is unreachable or dropped the connection during "${operation}".`;
    default:
      return `${server} failed during "${operation}"${state ? ` (SQLSTATE ${state})` : ''}.`;
  }
}

/** Turns anything a pg call threw into an AppError; AppErrors pass through unchanged. */
export function mapPgError(error: unknown, context: PgErrorContext): AppError {
  if (isAppError(error)) return error;
  const code = codeForPgError(error);
  return new AppError(code ?? 'ENGINE_UNAVAILABLE', messageFor(code, sqlStateOf(error), context), { cause: error });
}
