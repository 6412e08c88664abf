import { z } from 'zod';

/**
 * Text that people type and others read (purposes, token names): one line, no control
 * characters. A NUL cannot even be stored (PostgreSQL text refuses it), and escape
 * sequences in a purpose would reach the terminals that `clonedeck env list` prints to.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused in stored text
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

export const plainLine = () =>
  z.string().refine((text) => !CONTROL_CHARACTER.test(text), { message: 'Use plain text on one line, without control characters.' });

/** The path of the first string holding a NUL in a parsed value (JSON, a query), or null. */
export function pathOfNul(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = pathOfNul(item, [...path, String(index)]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = key.includes('\u0000') ? [...path, key] : pathOfNul(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
