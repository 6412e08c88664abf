import { z } from 'zod';

/**
 * The audit log's filters, read from the page's query string (a GET form) and the CSV
 * export's: strings in, typed values out. Times are UTC; a date alone covers its whole day
 * and a time its whole minute, so "to 2026-05-01" includes everything on 1 May.
 */

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2}))?)?$/;

/** Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:mm" or with seconds, as UTC; the span is what the text names. */
export function parseUtcSpan(text: string): { start: Date; end: Date } | null {
  const match = DATE_TIME.exec(text);
  if (!match) return null;
  const [, day, minute, second] = match;
  const start = new Date(`${day}T${minute ?? '00:00'}:${second ?? '00'}.000Z`);
  if (Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== day) return null;
  const spanMs = second !== undefined ? 1000 : minute !== undefined ? 60_000 : 86_400_000;
  return { start, end: new Date(start.getTime() + spanMs) };
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `Keep it under ${max} characters.` })
    .optional()
    .transform((text) => (text ? text : undefined));

const time = (edge: 'start' | 'end') =>
  optionalText(40)
    .refine((text) => text === undefined || parseUtcSpan(text) !== null, {
      message: 'Use a date like 2026-05-01 or 2026-05-01T14:30 (UTC).',
    })
    .transform((text) => (text === undefined ? undefined : parseUtcSpan(text)![edge]));

export const AUDIT_ACTOR_TYPES = ['user', 'token', 'system'] as const;

export const auditFilterSchema = z
  .object({
    team: optionalText(100),
    /** Part of the actor's label (an email, a token name, "system"), or a user id. */
    actor: optionalText(200),
    actorType: z
      .enum(AUDIT_ACTOR_TYPES)
      .optional()
      .or(z.literal('').transform(() => undefined)),
    /** A prefix: "environment." matches every environment operation. */
    action: optionalText(100),
    /** Inclusive lower bound. */
    from: time('start'),
    /** Exclusive upper bound: the end of the minute or day typed. */
    to: time('end'),
    page: z.coerce.number().int().min(1).max(100_000).optional().catch(1),
  })
  .refine((filter) => !filter.from || !filter.to || filter.from < filter.to, { message: '"From" must come before "to".', path: ['to'] });

export type AuditFilter = z.output<typeof auditFilterSchema>;

/** Reads the filter from URL search parameters (the first value of each). */
export function auditFilterInput(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  const input: Record<string, string> = {};
  for (const [key, value] of entries) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && !(key in input)) input[key] = first;
  }
  return input;
}
