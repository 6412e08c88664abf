import type { ErrorCode } from '@/lib/errors';

/** Process exit codes of `clonedeck`, so pipelines can tell failures apart. */
export const EXIT = {
  ok: 0,
  /** An unexpected failure (a bug): the message says to report it. */
  internal: 1,
  /** Bad arguments or invalid names. */
  usage: 2,
  /** No valid token / login, or not allowed. */
  auth: 3,
  notFound: 4,
  /** Exists already, busy, protected, or the store is locked by another process. */
  conflict: 5,
  /** The engine or server could not do it (unreachable, failed, timed out). */
  engine: 6,
  unsupported: 7,
  /** A team quota or the rate limit. */
  quota: 8,
} as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION':
      return EXIT.usage;
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
      return EXIT.auth;
    case 'NOT_FOUND':
      return EXIT.notFound;
    case 'CONFLICT':
      return EXIT.conflict;
    case 'ENGINE_UNAVAILABLE':
    case 'TIMEOUT':
      return EXIT.engine;
    case 'UNSUPPORTED':
      return EXIT.unsupported;
    case 'QUOTA':
    case 'RATE_LIMITED':
      return EXIT.quota;
  }
}
