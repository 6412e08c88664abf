import type { z } from 'zod';

/** Messages per form field; nested paths ("source.snapshotId") belong to their top field. */
export type FieldMessages = Record<string, string[]>;

export function byTopField(fieldErrors: Record<string, string[] | undefined> | undefined): FieldMessages {
  const messages: FieldMessages = {};
  for (const [path, list] of Object.entries(fieldErrors ?? {})) {
    if (!list || list.length === 0) continue;
    const field = path.split('.')[0] || '_form';
    messages[field] = [...(messages[field] ?? []), ...list];
  }
  return messages;
}

/** A failed client-side parse with the shared schema, as the same field messages the server sends. */
export function zodFieldMessages(error: z.ZodError): FieldMessages {
  const paths: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.length > 0 ? issue.path.join('.') : '_form';
    (paths[path] ??= []).push(issue.message);
  }
  return byTopField(paths);
}

/** Messages for fields the form does not show, so none is silently dropped. */
export function otherMessages(fields: FieldMessages, shown: readonly string[]): string[] {
  return Object.entries(fields).flatMap(([field, list]) => (shown.includes(field) ? [] : list));
}
