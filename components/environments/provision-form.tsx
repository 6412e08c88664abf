'use client';

import { SqlPreviewToggle } from '@/components/sql/sql-preview';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field-error';
import { GroupedSelect } from '@/components/ui/grouped-select';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { otherMessages } from '@/lib/client/form-errors';
import type { ProvisionOptions } from '@/lib/domain/environments/provision-options';
import { expiryChoices } from './durations';
import { type ProvisionValues, provisionIntent, sourceGroups } from './provision-values';
import { useProvisionForm } from './use-provision-form';

export interface ProvisionFormProps {
  options: ProvisionOptions;
  initial: ProvisionValues;
}

const SHOWN_FIELDS = ['teamId', 'source', 'purpose', 'ttlHours', 'name'] as const;

export function ProvisionForm({ options, initial }: ProvisionFormProps) {
  const { values, change, submit, fields, formError, pending } = useProvisionForm(options, initial);
  const team = options.teams.find((candidate) => candidate.id === values.teamId);
  const expiry = expiryChoices({
    maxTtlHours: options.maxTtlHours,
    isAdmin: options.isAdmin,
    defaultTtlHours: team?.defaultTtlHours ?? null,
  });
  const described = (field: string) => ({
    invalid: Boolean(fields[field]),
    'aria-describedby': [fields[field] && `provision-${field}-error`, `provision-${field}-hint`].filter(Boolean).join(' ') || undefined,
  });
  const unshown = otherMessages(fields, SHOWN_FIELDS);

  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label="Provision an environment">
      {formError && (
        <Alert tone="danger" title="The environment was not provisioned.">
          {formError}
          {unshown.length > 0 && <span className="block">{unshown.join(' ')}</span>}
        </Alert>
      )}
      <div className="grid gap-5 sm:grid-cols-2">
        <div>
          <Label htmlFor="provision-teamId">Team</Label>
          <Select
            id="provision-teamId"
            className="mt-1.5"
            value={values.teamId}
            onChange={(event) => change({ teamId: event.target.value })}
            placeholder={options.teams.length === 1 ? undefined : 'Choose a team…'}
            options={options.teams.map((candidate) => ({ value: candidate.id, label: candidate.displayName }))}
            {...described('teamId')}
          />
          <p id="provision-teamId-hint" className="mt-1 text-xs text-slate-500">
            {options.isAdmin ? 'Any team (you are an administrator).' : 'Teams you lead.'}
          </p>
          <FieldError id="provision-teamId-error" messages={fields.teamId} />
        </div>
        <div>
          <Label htmlFor="provision-source">Clone from</Label>
          <GroupedSelect
            id="provision-source"
            className="mt-1.5"
            value={values.source}
            onChange={(event) => change({ source: event.target.value })}
            placeholder="Choose what to clone…"
            groups={sourceGroups(options)}
            {...described('source')}
          />
          <p id="provision-source-hint" className="mt-1 text-xs text-slate-500">
            A live database as it is now, or a snapshot as it was.
          </p>
          <FieldError id="provision-source-error" messages={fields.source} />
        </div>
        <div>
          <Label htmlFor="provision-purpose">Purpose</Label>
          <Input
            id="provision-purpose"
            className="mt-1.5"
            value={values.purpose}
            onChange={(event) => change({ purpose: event.target.value })}
            placeholder="Nightly regression tests"
            autoComplete="off"
            required
            {...described('purpose')}
          />
          <p id="provision-purpose-hint" className="mt-1 text-xs text-slate-500">
            Why it exists, for everyone who sees it.
          </p>
          <FieldError id="provision-purpose-error" messages={fields.purpose} />
        </div>
        <div>
          <Label htmlFor="provision-ttlHours">Expires in</Label>
          <Select
            id="provision-ttlHours"
            className="mt-1.5"
            value={values.ttl}
            onChange={(event) => change({ ttl: event.target.value })}
            options={expiry.choices}
            {...described('ttlHours')}
          />
          <p id="provision-ttlHours-hint" className="mt-1 text-xs text-slate-500">
            It is dropped then, unless extended or protected.
          </p>
          <FieldError id="provision-ttlHours-error" messages={fields.ttlHours} />
        </div>
      </div>
      <div>
        <Label htmlFor="provision-name">Database name</Label>
        <Input
          id="provision-name"
          className="mt-1.5 font-mono"
          value={values.name}
          onChange={(event) => change({ name: event.target.value })}
          autoComplete="off"
          spellCheck={false}
          {...described('name')}
        />
        <p id="provision-name-hint" className="mt-1 text-xs text-slate-500">
          {values.nameEdited ? 'Your name.' : 'Suggested as team_purpose_yyyymmdd_hhmm (UTC).'} Lower-case letters, digits and underscores,
          starting with a letter.
        </p>
        <FieldError id="provision-name-error" messages={fields.name} />
      </div>
      <SqlPreviewToggle intent={provisionIntent(values)} />
      <div className="flex justify-end">
        <Button type="submit" pending={pending}>
          Provision
        </Button>
      </div>
    </form>
  );
}
