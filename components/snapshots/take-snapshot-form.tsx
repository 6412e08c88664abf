'use client';

import { useState, type FormEvent } from 'react';
import { SqlPreviewToggle } from '@/components/sql/sql-preview';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/form-field';
import { fieldMessagesOf } from '@/lib/client/action-error';
import { type FieldMessages, zodFieldMessages } from '@/lib/client/form-errors';
import { createSnapshotSchema } from '@/lib/validations/environments';
import { LevelField } from './level-field';
import {
  afterSnapshotTaken,
  initialSnapshotValues,
  type SnapshotFormValues,
  snapshotIntent,
  toSnapshotInput,
  withEnvironment,
} from './snapshot-form-values';
import { useCreateSnapshotMutation } from './snapshot-mutations';
import type { SnapshotSource } from '@/lib/domain/snapshots-page';

export interface TakeSnapshotFormProps {
  /** Environments the viewer may snapshot; on an environment's page, that one only (no chooser). */
  sources: SnapshotSource[];
  /** Preselected, e.g. from /snapshots?environment={id}. */
  initialEnvironmentId?: string;
  /** The server's time, for the first suggested name (the same on the server and in the browser). */
  renderedAt: string;
  /** Off on an environment's page, where the one source is that environment. */
  environmentChooser?: boolean;
  /** While the environment is busy. */
  disabled?: boolean;
}

function withoutFields(fields: FieldMessages, names: string[]): FieldMessages {
  return Object.fromEntries(Object.entries(fields).filter(([field]) => !names.includes(field)));
}

/** A named snapshot of an environment, a single table where its engine can: on the snapshots page and on each environment's page. */
export function TakeSnapshotForm({
  sources,
  initialEnvironmentId,
  renderedAt,
  environmentChooser = true,
  disabled = false,
}: TakeSnapshotFormProps) {
  const [values, setValues] = useState<SnapshotFormValues>(() =>
    initialSnapshotValues(sources, initialEnvironmentId, new Date(renderedAt)),
  );
  const [fields, setFields] = useState<FieldMessages>({});
  const create = useCreateSnapshotMutation();
  const source = sources.find((candidate) => candidate.id === values.environmentId);
  const set = (change: Partial<SnapshotFormValues>) => {
    setValues((previous) => ({ ...previous, ...change }));
    // An edited field's old message no longer applies.
    setFields((previous) => withoutFields(previous, Object.keys(change)));
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.reset();
    const parsed = createSnapshotSchema.safeParse(toSnapshotInput(values));
    if (!parsed.success) {
      setFields(zodFieldMessages(parsed.error));
      return;
    }
    setFields({});
    create.mutate(parsed.data, {
      onSuccess: () => setValues((previous) => afterSnapshotTaken(previous, sources, new Date())),
      onError: (error) => setFields(fieldMessagesOf(error)),
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label="Take a snapshot">
      {create.error && <Alert tone="danger">{create.error.message}</Alert>}
      {create.isSuccess && <Alert tone="success">Snapshot {create.data.name} taken.</Alert>}
      <div className="grid gap-5 md:grid-cols-3">
        {environmentChooser && (
          <SelectField
            id="snapshot-environment"
            label="Environment"
            value={values.environmentId}
            placeholder="Choose an environment…"
            options={sources.map((candidate) => ({ value: candidate.id, label: `${candidate.name} (${candidate.team})` }))}
            onChange={(event) => set(withEnvironment(values, sources, event.target.value, new Date()))}
            errors={fields.environmentId && ['Choose an environment to snapshot.']}
          />
        )}
        <TextField
          id="snapshot-name"
          label="Snapshot name"
          className="font-mono"
          value={values.name}
          autoComplete="off"
          spellCheck={false}
          placeholder="before_upgrade"
          onChange={(event) => set({ name: event.target.value })}
          errors={fields.name}
        />
        <TextField
          id="snapshot-purpose"
          label="Purpose"
          value={values.purpose}
          autoComplete="off"
          placeholder="Before the 2.4 schema upgrade"
          onChange={(event) => set({ purpose: event.target.value })}
          errors={fields.purpose}
        />
      </div>
      <LevelField
        tableLevel={source?.tableLevel ?? false}
        level={values.level}
        table={values.table}
        onChange={set}
        tableErrors={fields.table}
      />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 flex-1">
          <SqlPreviewToggle intent={snapshotIntent(values)} />
        </div>
        <Button type="submit" pending={create.isPending} disabled={disabled}>
          Take snapshot
        </Button>
      </div>
    </form>
  );
}
