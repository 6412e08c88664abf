import type { ActionResult } from '@/lib/actions/result';
import { byTopField, type FieldMessages } from './form-errors';

/** A failed server action, thrown into TanStack Query so `mutation.error` keeps the code and field messages. */
export class ActionError extends Error {
  readonly code: string;
  readonly fields: FieldMessages;

  constructor(failure: { code: string; message: string; fieldErrors?: Record<string, string[]> }) {
    super(failure.message);
    this.name = 'ActionError';
    this.code = failure.code;
    this.fields = byTopField(failure.fieldErrors);
  }
}

export function unwrapResult<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new ActionError(result);
  return result.data;
}

/** Field messages of a mutation's error (none for errors that are not about fields). */
export function fieldMessagesOf(error: Error | null): FieldMessages {
  return error instanceof ActionError ? error.fields : {};
}
