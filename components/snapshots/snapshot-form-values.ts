import type { Intent } from '@/lib/domain/sql-preview';
import { createSnapshotSchema, type CreateSnapshotInput } from '@/lib/validations/environments';
import type { SnapshotSource } from '@/lib/domain/snapshots-page';
import { suggestSnapshotName } from './snapshot-text';

/** What the take-snapshot form holds; `table` counts only at the table level. */
export interface SnapshotFormValues {
  environmentId: string;
  name: string;
  purpose: string;
  level: 'database' | 'table';
  table: string;
}

export function toSnapshotInput(values: SnapshotFormValues): CreateSnapshotInput {
  const { environmentId, name, purpose, level, table } = values;
  return { environmentId, name, purpose, ...(level === 'table' ? { table } : {}) };
}

/** The statements to show, once the form names an environment and a valid snapshot (and table). */
export function snapshotIntent(values: SnapshotFormValues): Intent | null {
  const parsed = createSnapshotSchema.omit({ purpose: true }).safeParse(toSnapshotInput(values));
  return parsed.success ? { kind: 'snapshot', ...parsed.data } : null;
}

/** The preselected environment (or the only one) with a suggested name. */
export function initialSnapshotValues(sources: SnapshotSource[], environmentId: string | undefined, at: Date): SnapshotFormValues {
  const source = sources.find((candidate) => candidate.id === environmentId) ?? (sources.length === 1 ? sources[0] : undefined);
  return {
    environmentId: source?.id ?? '',
    name: source ? suggestSnapshotName(source.name, at) : '',
    purpose: '',
    level: 'database',
    table: '',
  };
}

/**
 * Another environment chosen: a name still as suggested follows it, and an engine that
 * snapshots whole databases only resets the level.
 */
export function withEnvironment(
  values: SnapshotFormValues,
  sources: SnapshotSource[],
  environmentId: string,
  at: Date,
): Partial<SnapshotFormValues> {
  const chosen = sources.find((candidate) => candidate.id === environmentId);
  const previous = sources.find((candidate) => candidate.id === values.environmentId);
  const nameWasSuggested = values.name === '' || (previous !== undefined && values.name.startsWith(`${previous.name}_`));
  return {
    environmentId,
    ...(nameWasSuggested && chosen ? { name: suggestSnapshotName(chosen.name, at) } : {}),
    ...(chosen?.tableLevel ? {} : { level: 'database' as const }),
  };
}

/** After a snapshot is taken: a fresh suggestion, the rest emptied, the environment kept. */
export function afterSnapshotTaken(values: SnapshotFormValues, sources: SnapshotSource[], at: Date): SnapshotFormValues {
  const source = sources.find((candidate) => candidate.id === values.environmentId);
  return { ...values, name: source ? suggestSnapshotName(source.name, at) : '', purpose: '', table: '' };
}
