/** Joins class names, skipping falsy parts (conditional Tailwind classes). */
export function cn(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(' ');
}
