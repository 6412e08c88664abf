import { describe, expect, it } from 'vitest';
import { MATRIXONE_SYSTEM_DATABASES } from './matrixone/rules';
import { RESERVED_DATABASE_NAMES, reservedNameProblem } from './reserved-names';
import { YUGABYTE_SYSTEM_DATABASES } from './yugabyte/statements';

describe('reserved database names', () => {
  it("cover every engine's own list of system databases", () => {
    for (const name of [...MATRIXONE_SYSTEM_DATABASES, ...YUGABYTE_SYSTEM_DATABASES])
      expect(RESERVED_DATABASE_NAMES.has(name), name).toBe(true);
  });

  it("refuse Clonedeck's internal names and leave ordinary ones", () => {
    expect(reservedNameProblem('qa_x_before_restore_202601010000')).not.toBeNull();
    expect(reservedNameProblem('qa_x_restoring_202601010000')).not.toBeNull();
    expect(reservedNameProblem('qa_nightly')).toBeNull();
    expect(reservedNameProblem('production_verify_run1')).toBeNull();
    expect(reservedNameProblem('qa_before_restore_notes')).toBeNull();
    expect(reservedNameProblem('postgresql_tests')).toBeNull();
  });
});
