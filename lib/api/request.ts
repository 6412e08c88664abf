import type { z } from 'zod';
import type { FieldErrors } from '@/lib/errors';
import { BadRequestError } from './errors';

/** Reads a JSON body and checks its shape: BAD_REQUEST (400) when either fails. */
export async function readJsonBody<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.output<Schema>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new BadRequestError('The request body must be JSON.');
  }
  return checkShape(schema, body, 'body');
}

/** Query parameters against a schema of optional strings; unknown parameters are refused. */
export function readQuery<Schema extends z.ZodType>(request: Request, schema: Schema): z.output<Schema> {
  const params = new URL(request.url).searchParams;
  return checkShape(schema, Object.fromEntries(params.entries()), 'query');
}

function checkShape<Schema extends z.ZodType>(schema: Schema, value: unknown, where: 'body' | 'query'): z.output<Schema> {
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
  return name;
}
