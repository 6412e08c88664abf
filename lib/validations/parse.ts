import type { z } from 'zod';
import { type FieldErrors, validation } from '@/lib/errors';
import { pathOfNul } from './text';

/**
 * Validates input with a zod schema shared with the form; throws VALIDATION with field errors.
 * A NUL anywhere is refused first: no field may hold one, and the database would fail on it.
 */
export function parseOrThrow<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const nul = pathOfNul(input);
  if (nul) {
    const field = nul.join('.') || '_form';
    throw validation('That text holds a NUL character, which no field can.', { [field]: ['Remove the NUL character.'] });
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.length > 0 ? issue.path.join('.') : '_form';
    (fieldErrors[field] ??= []).push(issue.message);
  }
  const first = Object.values(fieldErrors)[0]?.[0];
  throw validation(first && Object.keys(fieldErrors).length === 1 ? first : 'Some fields need attention.', fieldErrors);
}
