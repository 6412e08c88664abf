import { isAppError } from '@/lib/errors';

/** The AppError code a call fails with ('no error' when it succeeds), for compact assertions. */
export async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    return isAppError(error) ? error.code : `unexpected: ${String(error)}`;
  }
  return 'no error';
}
