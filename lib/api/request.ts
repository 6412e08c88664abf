import { z } from 'zod';
import type { FieldErrors } from '@/lib/errors';
import { JSON_COMMAND_LIMIT_BYTES, readBodyText } from '@/lib/http/body';
import { pathOfNul } from '@/lib/validations/text';
import { BadRequestError } from './errors';

/**
 * Reads a JSON body of at most `limitBytes` (PAYLOAD_TOO_LARGE, 413, past it: the stream is
 * abandoned, not buffered) and checks its shape: BAD_REQUEST (400) when either fails.
 */
export async function readJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  limitBytes = JSON_COMMAND_LIMIT_BYTES,
): Promise<z.output<Schema>> {
  const text = await readBodyText(request, limitBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadRequestError('The request body must be JSON.');
  }
  return checkShape(schema, body, 'body');
}

/** A yes/no query parameter (`true`/`1`, `false`/`0`); absent is no. */
export const queryFlag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((value) => value === 'true' || value === '1');

/** Query parameters against a schema of optional strings; unknown parameters are refused. */
export function readQuery<Schema extends z.ZodType>(request: Request, schema: Schema): z.output<Schema> {
  const params = new URL(request.url).searchParams;
  return checkShape(schema, Object.fromEntries(params.entries()), 'query');
}

function checkShape<Schema extends z.ZodType>(schema: Schema, value: unknown, where: 'body' | 'query'): z.output<Schema> {
  const nul = pathOfNul(value);
  if (nul)
    throw new BadRequestError(`Invalid request ${where}: ${nul.join('.') || 'it'} holds a NUL character.`, {
      [nul.join('.') || '_']: ['NUL is not allowed.'],
    });
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.length > 0 ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? issue.keys.join(',') : '_';
    (fieldErrors[field] ??= []).push(issue.message);
  }
  const summary = Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${messages.join(' ')}`)
    .join('; ');
  throw new BadRequestError(`Invalid request ${where}: ${summary}`, fieldErrors);
}

/** A path segment as the route received it (Next.js decodes it already). */
export function pathName(value: string): string {
  const name = value.trim();
  if (name.length === 0 || name.length > 128) throw new BadRequestError('The name in the path must be 1–128 characters.');
  // NUL cannot be stored in PostgreSQL text; no name holds control characters or non-Latin-1 text.
  if (!/^[\u0020-\u007e\u00a0-\u00ff]+$/.test(name)) throw new BadRequestError('The name in the path holds characters no name can have.');
  return name;
}
