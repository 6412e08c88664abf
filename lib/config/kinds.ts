import { z } from 'zod';

/**
 * The kinds of value an environment variable holds. Each parses the raw text (or its
 * absence) into a typed value; an empty string counts as unset, as the shell's `X=` means.
 * Messages complete "VARIABLE …" (see `parseConfig`), so they never repeat the name.
 */
const raw = z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), z.string().optional());

/** Free text; absent stays undefined. */
export const text = () => raw.transform((value) => value?.trim());

/** Text that is kept exactly as given (passwords, secrets): only an empty value counts as unset. */
export const secret = () => z.preprocess((value) => (value === '' ? undefined : value), z.string().optional());

/** Text with a default. */
export const textOr = (fallback: string) => raw.transform((value) => value?.trim() || fallback);

/** A whole number within bounds; a typo is an error, never NaN or a silent default. */
export function integer(fallback: number, bounds: { min: number; max?: number }) {
  const max = bounds.max ?? Number.MAX_SAFE_INTEGER;
  const range = bounds.max === undefined ? `at least ${bounds.min}` : `from ${bounds.min} to ${bounds.max}`;
  return raw.transform((value, context) => {
    if (value === undefined) return fallback;
    const number = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
    if (Number.isSafeInteger(number) && number >= bounds.min && number <= max) return number;
    context.addIssue({ code: 'custom', message: `must be a whole number ${range}, got "${value}".` });
    return z.NEVER;
  });
}

/** One of a few words (case-sensitive, as documented). */
export function oneOf<const Word extends string>(words: readonly Word[], fallback: Word) {
  return raw.transform((value, context): Word => {
    if (value === undefined) return fallback;
    if ((words as readonly string[]).includes(value.trim())) return value.trim() as Word;
    context.addIssue({ code: 'custom', message: `must be one of ${words.join(', ')}, got "${value}".` });
    return z.NEVER;
  });
}

/** A URL with one of the given schemes, e.g. `postgres:`; absent stays undefined. */
export function url(protocols: readonly string[]) {
  return raw.transform((value, context) => {
    if (value === undefined) return undefined;
    const trimmed = value.trim();
    if (URL.canParse(trimmed) && protocols.includes(new URL(trimmed).protocol)) return trimmed;
    const schemes = protocols.map((protocol) => `${protocol}//`).join(' or ');
    context.addIssue({ code: 'custom', message: `must be a ${schemes} URL.` });
    return z.NEVER;
  });
}

export interface HostPort {
  host: string;
  port: number;
}

/** `host:port` (IPv6 in brackets). */
export function hostPort(fallback: string) {
  return raw.transform((value, context): HostPort => {
    const given = value?.trim() ?? fallback;
    const match = /^(\[[0-9a-fA-F:]+\]|[^:\s]+):(\d{1,5})$/.exec(given);
    const port = Number(match?.[2]);
    if (match?.[1] && port >= 0 && port < 65536) return { host: match[1].replace(/^\[|\]$/g, ''), port };
    context.addIssue({ code: 'custom', message: `must be host:port, got "${given}".` });
    return z.NEVER;
  });
}

/** A comma-separated list; blanks dropped. */
export const list = () =>
  raw.transform((value) =>
    (value ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  );
