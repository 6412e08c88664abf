'use client';

import { type FormEvent, useState } from 'react';
import { SqlPreviewToggle } from '@/components/sql/sql-preview';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field-error';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import type { Intent } from '@/lib/domain/sql-preview';
import { createSnapshotSchema, snapshotNameSchema } from '@/lib/validations/environments';
import { fieldMessagesOf } from './action-error';
import { useCreateSnapshotMutation } from './environment-mutations';
import { type FieldMessages, zodFieldMessages } from './form-errors';

interface SnapshotValues {
  name: string;
  purpose: string;
  table: string;
}

const EMPTY: SnapshotValues = { name: '', purpose: '', table: '' };

function snapshotIntent(environmentId: string, values: SnapshotValues): Intent | null {
  const name = snapshotNameSchema.safeParse(values.name);
  return name.success ? { kind: 'snapshot', environmentId, name: name.data, table: values.table.trim() || undefined } : null;
}

/** A named snapshot of this environment; a single table where the engine can. */
export function TakeSnapshotForm({
  environmentId,
  tableSnapshots,
  disabled,
}: {
  environmentId: string;
  tableSnapshots: boolean;
  disabled: boolean;
}) {
  const [values, setValues] = useState(EMPTY);
  const [fields, setFields] = useState<FieldMessages>({});
  const create = useCreateSnapshotMutation(environmentId);
  const set = (field: keyof SnapshotValues) => (event: { target: { value: string } }) => {
    setValues({ ...values, [field]: event.target.value });
    setFields(({ [field]: _edited, ...others }) => others);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = createSnapshotSchema.safeParse({
      environmentId,
      name: values.name,
      purpose: values.purpose,
      table: values.table.trim() || undefined,
    });
    create.reset();
    if (!parsed.success) {
      setFields(zodFieldMessages(parsed.error));
      return;
    }
    setFields({});
    create.mutate(
      { name: parsed.data.name, purpose: parsed.data.purpose, table: parsed.data.table },
      { onSuccess: () => setValues(EMPTY), onError: (error) => setFields(fieldMessagesOf(error)) },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Take a snapshot">
      <h3 className="text-sm font-semibold text-slate-900">Take snapshot</h3>
      {create.error && <Alert tone="danger">{create.error.message}</Alert>}
      {create.isSuccess && <Alert tone="success">Snapshot {create.data.name} taken.</Alert>}
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <Label htmlFor="snapshot-name">Snapshot name</Label>
          <Input
            id="snapshot-name"
            className="mt-1.5 font-mono"
            value={values.name}
            onChange={set('name')}
            placeholder="pre_upgrade_v1"
            autoComplete="off"
            spellCheck={false}
            invalid={Boolean(fields.name)}
            aria-describedby={fields.name ? 'snapshot-name-error' : undefined}
          />
          <FieldError id="snapshot-name-error" messages={fields.name} />
        </div>
        <div>
          <Label htmlFor="snapshot-purpose">Purpose</Label>
          <Input
            id="snapshot-purpose"
            className="mt-1.5"
            value={values.purpose}
            onChange={set('purpose')}
            placeholder="Before the v2 upgrade"
            autoComplete="off"
            invalid={Boolean(fields.purpose)}
            aria-describedby={fields.purpose ? 'snapshot-purpose-error' : undefined}
          />
          <FieldError id="snapshot-purpose-error" messages={fields.purpose} />
        </div>
        {tableSnapshots && (
          <div>
            <Label htmlFor="snapshot-table">Only one table (optional)</Label>
            <Input
              id="snapshot-table"
              className="mt-1.5 font-mono"
              value={values.table}
              onChange={set('table')}
              placeholder="products"
              autoComplete="off"
              invalid={Boolean(fields.table)}
              aria-describedby={fields.table ? 'snapshot-table-error' : undefined}
            />
            <FieldError id="snapshot-table-error" messages={fields.table} />
          </div>
        )}
      </div>
      <SqlPreviewToggle intent={snapshotIntent(environmentId, values)} />
      <div className="flex justify-end">
        <Button type="submit" pending={create.isPending} disabled={disabled}>
          Take snapshot
        </Button>
      </div>
    </form>
  );
}
