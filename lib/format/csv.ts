/**
 * CSV as RFC 4180 writes it (comma-separated, CRLF line ends, fields quoted when they hold
 * a comma, a quote or a line break, quotes doubled), made safe to open in a spreadsheet:
 * a field starting with = + - @ (or a tab or carriage return) would be read as a formula,
 * so it gets a leading apostrophe, which spreadsheets show as text.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
