import { AppError, isAppError, type ErrorCode } from '@/lib/errors';

/**
 * Maps errors from the MySQL protocol (MatrixOne, and any MySQL-compatible server the
 * plumbing is tested against) to the contract's codes. Decisions are made on the
 * driver's `code` (node / mysql2 codes) and the server's `errno`, never on message
 * text. Messages are written for the user; the driver error is kept as `cause` for the
 * server log.
 *
 * MatrixOne reports most snapshot, PITR and restore refusals (duplicate snapshot, unknown
 * snapshot, snapshot of another database or account, wrong level) as its generic internal
 * error, errno 20101 (`moerr.ErrInternal`, SQLSTATE HY000), with only the message telling
 * them apart. So the engine checks those conditions itself before sending a statement
 * (and, after a 20101, looks at SHOW SNAPSHOTS again); a 20101 that still gets here is
 * reported as CONFLICT, because every path that raises it in those statements is a state
 * check.
 */

/** What the failing call was doing, in words a user reads ("restore database prod"). */
export interface MysqlErrorContext {
  operation: string;
  /** Shown in messages, e.g. "MatrixOne at 10.0.0.5:6001". */
  server: string;
}

/** The fields of a mysql2 QueryError / Node system error that decisions are made on. */
interface DriverErrorFields {
  code?: unknown;
  errno?: unknown;
  fatal?: unknown;
}

/** MatrixOne's own error numbers, sent as errno when no MySQL number fits (moerr/error.go). */
export const MATRIXONE_ERRNO = {
  internal: 20101,
  notYetImplemented: 20102,
  queryInterrupted: 20104,
  notSupported: 20105,
  queryTimeout: 20108,
  rpcTimeout: 20500,
} as const;

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ETIMEDOUT',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
]);

/** Server errno → contract code. Access denied at login (1045) is a configuration fault: see below. */
const ERRNO_CODES = new Map<number, ErrorCode>([
  [1045, 'ENGINE_UNAVAILABLE'], // ER_ACCESS_DENIED_ERROR: the configured credentials are wrong
  [1044, 'FORBIDDEN'], // ER_DBACCESS_DENIED_ERROR
  [1142, 'FORBIDDEN'], // ER_TABLEACCESS_DENIED_ERROR
  [1143, 'FORBIDDEN'], // ER_COLUMNACCESS_DENIED_ERROR
  [1227, 'FORBIDDEN'], // ER_SPECIFIC_ACCESS_DENIED_ERROR
  [1792, 'FORBIDDEN'], // ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION: a write in a read-only query
  [1049, 'NOT_FOUND'], // ER_BAD_DB_ERROR
  [1008, 'NOT_FOUND'], // ER_DB_DROP_EXISTS: MatrixOne answers DROP DATABASE of a missing database with it
  [1146, 'NOT_FOUND'], // ER_NO_SUCH_TABLE
  [1007, 'CONFLICT'], // ER_DB_CREATE_EXISTS
  [1050, 'CONFLICT'], // ER_TABLE_EXISTS_ERROR
  [1062, 'CONFLICT'], // ER_DUP_ENTRY
  [1064, 'UNSUPPORTED'], // ER_PARSE_ERROR: the server's grammar is not the one we wrote for
  [1149, 'UNSUPPORTED'], // ER_SYNTAX_ERROR
  [3024, 'TIMEOUT'], // ER_QUERY_TIMEOUT (MySQL, MatrixOne)
  [1969, 'TIMEOUT'], // ER_STATEMENT_TIMEOUT (MariaDB max_statement_time)
  [1317, 'ENGINE_UNAVAILABLE'], // ER_QUERY_INTERRUPTED: killed on the server
  [1053, 'ENGINE_UNAVAILABLE'], // ER_SERVER_SHUTDOWN
  [1927, 'ENGINE_UNAVAILABLE'], // ER_CONNECTION_KILLED (MariaDB)
  [1040, 'ENGINE_UNAVAILABLE'], // ER_CON_COUNT_ERROR: too many connections
  [MATRIXONE_ERRNO.internal, 'CONFLICT'],
  [MATRIXONE_ERRNO.notYetImplemented, 'UNSUPPORTED'],
  [MATRIXONE_ERRNO.queryInterrupted, 'ENGINE_UNAVAILABLE'],
  [MATRIXONE_ERRNO.notSupported, 'UNSUPPORTED'],
  [MATRIXONE_ERRNO.queryTimeout, 'TIMEOUT'],
  [MATRIXONE_ERRNO.rpcTimeout, 'TIMEOUT'],
]);

function fieldsOf(error: unknown): DriverErrorFields {
  return typeof error === 'object' && error !== null ? (error as DriverErrorFields) : {};
}

/** The server's error number, when the server sent one (Node system errors carry negative errnos). */
export function serverErrno(error: unknown): number | undefined {
  const { errno } = fieldsOf(error);
  return typeof errno === 'number' && errno > 0 ? errno : undefined;
}

/** True when the driver says the connection cannot be used again. */
export function isFatalDriverError(error: unknown): boolean {
  const { fatal, code } = fieldsOf(error);
  return fatal === true || code === 'PROTOCOL_SEQUENCE_TIMEOUT' || (typeof code === 'string' && CONNECTION_CODES.has(code));
}

/** The contract code for a driver error, or undefined when nothing identifies it. */
export function codeForMysqlError(error: unknown): ErrorCode | undefined {
  const { code, fatal } = fieldsOf(error);
  if (code === 'PROTOCOL_SEQUENCE_TIMEOUT') return 'TIMEOUT';
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return 'ENGINE_UNAVAILABLE';
  const errno = serverErrno(error);
  if (errno !== undefined) return ERRNO_CODES.get(errno);
  if (fatal === true) return 'ENGINE_UNAVAILABLE';
  return undefined;
}

function messageFor(code: ErrorCode | undefined, errno: number | undefined, context: MysqlErrorContext): string {
  const { operation, server } = context;
  switch (code) {
    case 'TIMEOUT':
      return `${server} did not finish "${operation}" in time.`;
    case 'FORBIDDEN':
      return `${server} refused "${operation}": the configured user lacks the privilege.`;
    case 'NOT_FOUND':
      return `${server} could not "${operation}": a database or table it names does not exist.`;
    case 'CONFLICT':
      return errno === MATRIXONE_ERRNO.internal
        ? `${server} refused "${operation}" (MatrixOne error 20101): the object exists already or does not match the request; details are in the server log.`
        : `${server} could not "${operation}": the object exists already.`;
    case 'UNSUPPORTED':
      return errno === 1064 || errno === 1149
        ? `${server} did not accept the statement for "${operation}": its grammar differs from the server version Clonedeck detected (set MATRIXONE_SERVER_VERSION if the reported version is wrong).`
        : `${server} does not support "${operation}".`;
    case 'ENGINE_UNAVAILABLE':
      return errno === 1045
        ? `${server} refused the configured user name or password (access denied); fix the engine URL.`
        : `${server} is unreachable or dropped the connection during "${operation}".`;
    default:
      return `${server} failed during "${operation}"${errno ? ` (error ${errno})` : ''}.`;
  }
}

/** Turns anything a mysql2 call threw into an AppError; AppErrors pass through unchanged. */
export function mapMysqlError(error: unknown, context: MysqlErrorContext): AppError {
  if (isAppError(error)) return error;
  const code = codeForMysqlError(error);
  const errno = serverErrno(error);
  // An unidentified failure of the engine is still the engine's failure, not the user's input.
  return new AppError(code ?? 'ENGINE_UNAVAILABLE', messageFor(code, errno, context), { cause: error });
}
