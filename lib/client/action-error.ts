import type { ActionResult } from '@/lib/actions/result';
import { byTopField, type FieldMessages } from './form-errors';

/** What the user reads when a server action could not be called at all (offline, server restarting). */
export const UNREACHABLE_MESSAGE = 'The server could not be reached. Check your connection and try again.';

/**
 * A failed server action, thrown into TanStack Query so `mutation.error` keeps the code and
 * the field messages. Components show `message` and branch on `code`, never on the text.
 */
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

/**
 * Calls a server action and unwraps its result. A call that never got an answer becomes an
 * ActionError too, so every failure reaches the component in one shape.
 */
export async function callAction<Input, Data>(action: (input: Input) => Promise<ActionResult<Data>>, input: Input): Promise<Data> {
  let result: ActionResult<Data>;
  try {
    result = await action(input);
  } catch {
    throw new ActionError({ code: 'UNREACHABLE', message: UNREACHABLE_MESSAGE });
  }
  return unwrapResult(result);
}

/** Field messages of a mutation's error (none for errors that are not about fields). */
export function fieldMessagesOf(error: Error | null): FieldMessages {
  return error instanceof ActionError ? error.fields : {};
}
