import { unstable_rethrow } from 'next/navigation';
import { isAppError, type ErrorCode, type FieldErrors } from '@/lib/errors';

/**
 * What every server action returns instead of throwing at the client (STYLE.md).
 * `INTERNAL` is an unexpected error: logged on the server, shown as a generic message.
 */
export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; code: ErrorCode | 'INTERNAL'; message: string; fieldErrors?: FieldErrors };

export type ActionFailure = Extract<ActionResult<never>, { ok: false }>;

export const GENERIC_FAILURE_MESSAGE = 'Something went wrong on the server. The error has been logged.';

export function actionOk<T>(data: T): ActionResult<T> {
  return { ok: true, data };
}

/** Known AppErrors keep their code and message; anything else is logged and hidden. */
export function actionFailure(error: unknown, context = 'server action'): ActionFailure {
  if (isAppError(error)) {
    return error.fieldErrors
      ? { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors }
      : { ok: false, code: error.code, message: error.message };
  }
  console.error(`[clonedeck] ${context} failed:`, error);
  return { ok: false, code: 'INTERNAL', message: GENERIC_FAILURE_MESSAGE };
}

/**
 * Runs an action body and turns what it throws into a failure result. Next.js control-flow
 * errors (redirect(), notFound()) are rethrown so they keep working inside actions.
 */
export async function runAction<T>(body: () => Promise<T>, context?: string): Promise<ActionResult<T>> {
  try {
    return actionOk(await body());
  } catch (error) {
    unstable_rethrow(error);
    return actionFailure(error, context);
  }
}
