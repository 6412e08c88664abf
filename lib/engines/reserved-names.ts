import { validation } from '@/lib/errors';

/**
 * Database names no environment may take, on any engine: PostgreSQL's own (the embedded
 * engine's instances and YugabyteDB are PostgreSQL underneath), YugabyteDB's, and
 * MatrixOne's system databases. One list for every engine: a name that is a system
 * database somewhere is a confusing name everywhere. The engine folders keep their own lists
 * for what they refuse to touch; a test checks this one covers them.
 */
export const RESERVED_DATABASE_NAMES: ReadonlySet<string> = new Set([
  // PostgreSQL
  'postgres',
  'template0',
  'template1',
  // YugabyteDB
  'system_platform',
  'yugabyte',
  // MatrixOne
  'mo_catalog',
  'mo_task',
  'mo_debug',
  'information_schema',
  'mysql',
  'system',
  'system_metrics',
]);

/** The databases a clone-and-swap restore makes (yugabyte/names.ts): `<db>_restoring_<stamp>`, `<db>_before_restore_<stamp>`. */
const INTERNAL_NAME = /_(?:before_restore|restoring)_\d{12}$/;

export function reservedNameProblem(name: string): string | null {
  if (RESERVED_DATABASE_NAMES.has(name)) return `"${name}" is reserved by the database engines; choose another name.`;
  if (INTERNAL_NAME.test(name))
    return 'Names ending in _restoring_ or _before_restore_ and a 12-digit time are what Clonedeck names its restores; choose another name.';
  return null;
}

/**
 * For the engines themselves: the engines' system names only. Clonedeck's internal names
 * stay creatable at this level, since Clonedeck makes such databases (restore leftovers).
 */
export function assertNotSystemDatabaseName(name: string, field = 'name'): void {
  if (!RESERVED_DATABASE_NAMES.has(name)) return;
  const problem = reservedNameProblem(name)!;
  throw validation(problem, { [field]: [problem] });
}
