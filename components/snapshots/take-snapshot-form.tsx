'use client';

import { useState, useTransition, type FormEvent } from 'react';
import { z } from 'zod';
import { SqlPreviewToggle } from '@/components/sql/sql-preview';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field-error';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { createSnapshotAction } from '@/lib/actions/snapshots';
import type { Intent } from '@/lib/domain/sql-preview';
import { createSnapshotSchema, type CreateSnapshotInput } from '@/lib/validations/environments';
import { LevelField } from './level-field';
import type { SnapshotSource } from '@/lib/domain/snapshots-page';
import { suggestSnapshotName } from './snapshot-text';

export interface TakeSnapshotFormProps {
  sources: SnapshotSource[];
  /** Preselected, e.g. from /snapshots?environment={id}. */
  initialEnvironmentId?: string;
  /** The server's time, for the first suggested name (the same on the server and in the browser). */
  renderedAt: string;
}

interface Values {
  environmentId: string;
  name: string;
  purpose: string;
  level: 'database' | 'table';
  table: string;
}

type Feedback = { message: string | null; fields: Record<string, string[] | undefined>; created: string | null };

function toInput(values: Values): CreateSnapshotInput {
  const { environmentId, name, purpose, level, table } = values;
  return { environmentId, name, purpose, ...(level === 'table' ? { table } : {}) };
}

/** The statements to show, once the form names an environment and a valid snapshot (and table). */
function intentOf(values: Values): Intent | null {
  const parsed = createSnapshotSchema.omit({ purpose: true }).safeParse(toInput(values));
  return parsed.success ? { kind: 'snapshot', ...parsed.data } : null;
}

function withoutFields(fields: Feedback['fields'], names: string[]): Feedback['fields'] {
  return Object.fromEntries(Object.entries(fields).filter(([field]) => !names.includes(field)));
}

function initialValues(sources: SnapshotSource[], environmentId: string | undefined, at: Date): Values {
  const source = sources.find((candidate) => candidate.id === environmentId) ?? (sources.length === 1 ? sources[0] : undefined);
  return {
    environmentId: source?.id ?? '',
    name: source ? suggestSnapshotName(source.name, at) : '',
    purpose: '',
    level: 'database',
    table: '',
  };
}

export function TakeSnapshotForm({ sources, initialEnvironmentId, renderedAt }: TakeSnapshotFormProps) {
  const [values, setValues] = useState<Values>(() => initialValues(sources, initialEnvironmentId, new Date(renderedAt)));
  const [feedback, setFeedback] = useState<Feedback>({ message: null, fields: {}, created: null });
  const [pending, startTransition] = useTransition();
  const source = sources.find((candidate) => candidate.id === values.environmentId);
  const set = (change: Partial<Values>) => {
    setValues((previous) => ({ ...previous, ...change }));
    // An edited field's old message no longer applies.
    setFeedback((previous) => ({ ...previous, fields: withoutFields(previous.fields, Object.keys(change)) }));
  };

  function chooseEnvironment(environmentId: string) {
    const chosen = sources.find((candidate) => candidate.id === environmentId);
    const previous = sources.find((candidate) => candidate.id === values.environmentId);
    const nameWasSuggested = values.name === '' || (previous !== undefined && values.name.startsWith(`${previous.name}_`));
    set({
      environmentId,
      ...(nameWasSuggested && chosen ? { name: suggestSnapshotName(chosen.name, new Date()) } : {}),
      ...(chosen?.tableLevel ? {} : { level: 'database' as const }),
    });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = toInput(values);
    const parsed = createSnapshotSchema.safeParse(input);
    if (!parsed.success) {
      setFeedback({ message: null, fields: z.flattenError(parsed.error).fieldErrors, created: null });
      return;
    }
    startTransition(async () => {
      const result = await createSnapshotAction(parsed.data);
      if (!result.ok) {
        setFeedback({ message: result.message, fields: result.fieldErrors ?? {}, created: null });
        return;
      }
      setFeedback({ message: null, fields: {}, created: result.data.name });
      set({ name: source ? suggestSnapshotName(source.name, new Date()) : '', purpose: '', table: '' });
    });
  }

  const errors = feedback.fields;
  const fieldProps = (field: string) => ({
    invalid: Boolean(errors[field]),
    'aria-describedby': errors[field] ? `snapshot-${field}-error` : undefined,
  });
  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label="Take a snapshot">
      {feedback.message && <Alert tone="danger">{feedback.message}</Alert>}
      {feedback.created && <Alert tone="success">Snapshot {feedback.created} taken. It is in the list below.</Alert>}
      <div className="grid gap-5 md:grid-cols-3">
        <div>
          <Label htmlFor="snapshot-environment">Environment</Label>
          <Select
            id="snapshot-environment"
            className="mt-1.5"
            value={values.environmentId}
            placeholder="Choose an environment…"
            options={sources.map((candidate) => ({ value: candidate.id, label: `${candidate.name} (${candidate.team})` }))}
            onChange={(event) => chooseEnvironment(event.target.value)}
            {...fieldProps('environmentId')}
          />
          <FieldError
            id="snapshot-environmentId-error"
            messages={errors.environmentId ? ['Choose an environment to snapshot.'] : undefined}
          />
        </div>
        <div>
          <Label htmlFor="snapshot-name">Name</Label>
          <Input
            id="snapshot-name"
            className="mt-1.5 font-mono"
            value={values.name}
            autoComplete="off"
            placeholder="before_upgrade"
            onChange={(event) => set({ name: event.target.value })}
            {...fieldProps('name')}
          />
          <FieldError id="snapshot-name-error" messages={errors.name} />
        </div>
        <div>
          <Label htmlFor="snapshot-purpose">Purpose</Label>
          <Input
            id="snapshot-purpose"
            className="mt-1.5"
            value={values.purpose}
            autoComplete="off"
            placeholder="Before the 2.4 schema upgrade"
            onChange={(event) => set({ purpose: event.target.value })}
            {...fieldProps('purpose')}
          />
          <FieldError id="snapshot-purpose-error" messages={errors.purpose} />
        </div>
      </div>
      <LevelField
        tableLevel={source?.tableLevel ?? false}
        level={values.level}
        table={values.table}
        onChange={set}
        tableErrors={errors.table}
      />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 flex-1">
          <SqlPreviewToggle intent={intentOf(values)} />
        </div>
        <Button type="submit" pending={pending}>
          Take snapshot
        </Button>
      </div>
    </form>
  );
}
