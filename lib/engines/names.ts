import { validation } from '@/lib/errors';

/**
 * Names of databases and snapshots, common to every engine: lower-case letters, digits
 * and underscores, starting with a letter, at most 63 characters (Postgres' identifier
 * limit, and inside MatrixOne's and YugabyteDB's rules). Every engine still quotes them.
 */
export const OBJECT_NAME_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;

/** Table names may carry upper-case letters (MatrixOne tables often do); they are always quoted. */
export const TABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export type NameKind = 'database' | 'snapshot' | 'table' | 'account' | 'pitr';

const RULE_TEXT = 'use 1–63 lower-case letters, digits or underscores, starting with a letter';

export function nameProblem(kind: NameKind, name: unknown): string | null {
  if (typeof name !== 'string' || name.length === 0) return `A ${kind} name is required.`;
  const pattern = kind === 'table' ? TABLE_NAME_PATTERN : OBJECT_NAME_PATTERN;
  if (pattern.test(name)) return null;
  const shown = name.length > 70 ? `${name.slice(0, 67)}...` : name;
  return kind === 'table'
    ? `Invalid table name "${shown}": use letters, digits or underscores, starting with a letter or underscore (at most 64).`
    : `Invalid ${kind} name "${shown}": ${RULE_TEXT}.`;
}

/** Throws a VALIDATION AppError naming the field when `name` is not a valid identifier. */
export function assertName(kind: NameKind, name: unknown, field: string = kind): asserts name is string {
  const problem = nameProblem(kind, name);
  if (problem) throw validation(problem, { [field]: [problem] });
}

/** Splits `db.table` (as typed on a command line) into its parts, validating both. */
export function parseTableRef(text: string): { database: string; table: string } {
  const parts = text.split('.');
  if (parts.length !== 2) {
    throw validation(`Expected DATABASE.TABLE, got "${text}".`, { table: [`Expected DATABASE.TABLE, got "${text}".`] });
  }
  const [database, table] = parts as [string, string];
  assertName('database', database);
  assertName('table', table);
  return { database, table };
}

/** Postgres / YugabyteDB identifier quoting. Only for names that passed `assertName`. */
export const quotePgIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** MySQL / MatrixOne identifier quoting. Only for names that passed `assertName`. */
export const quoteMysqlIdent = (name: string) => `\`${name.replace(/`/g, '``')}\``;
/** Standard SQL string literal (both dialects, with standard_conforming_strings / NO_BACKSLASH_ESCAPES aside: callers pass only validated text). */
export const quoteSqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;
