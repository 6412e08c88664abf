'use client';

import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field-error';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { fieldMessagesOf } from '@/lib/client/action-error';
import { type FieldMessages, zodFieldMessages } from '@/lib/client/form-errors';
import type { TeamSettingsView } from '@/lib/domain/teams';
import { type TeamSettingsInput, teamSettingsSchema } from '@/lib/validations/teams';
import { BYTE_UNITS, bytesFromAmount } from './quota';
import { fieldProps, QuotaFields, QuotaReadOnly, WebhookFields } from './settings-fields';
import { useUpdateTeamSettingsMutation } from './team-mutations';
import { formatHours } from '@/lib/format/time';

export interface TeamSettingsFormProps {
  teamId: string;
  settings: TeamSettingsView;
  /** Admins also see the quota fields; a lead's form does not send them. */
  canEditQuotas: boolean;
}

/** An empty field is NaN, not 0, so the schema reports it as missing. */
function numberField(data: FormData, name: string): number {
  const raw = String(data.get(name) ?? '').trim();
  return raw === '' ? Number.NaN : Number(raw);
}

function readForm(form: HTMLFormElement, teamId: string, canEditQuotas: boolean): TeamSettingsInput {
  const data = new FormData(form);
  const input: TeamSettingsInput = {
    teamId,
    defaultTtlHours: numberField(data, 'defaultTtlHours'),
    webhookUrl: String(data.get('webhookUrl') ?? '').trim(),
  };
  const secret = String(data.get('webhookSecret') ?? '');
  if (data.get('clearWebhookSecret') === 'on') input.webhookSecret = null;
  else if (secret !== '') input.webhookSecret = secret;
  if (canEditQuotas) {
    input.maxEnvironments = numberField(data, 'maxEnvironments');
    const unit = BYTE_UNITS.find((candidate) => candidate.unit === data.get('maxOwnBytesUnit'))?.unit ?? 'GiB';
    input.maxOwnBytes = data.get('noDeltaLimit') === 'on' ? null : bytesFromAmount(numberField(data, 'maxOwnBytesAmount'), unit);
  }
  return input;
}

export function TeamSettingsForm({ teamId, settings, canEditQuotas }: TeamSettingsFormProps) {
  // A new version remounts the fields with the saved values (and an empty secret field).
  const [saved, setSaved] = useState({ settings, version: 0 });
  const [clientErrors, setClientErrors] = useState<FieldMessages>({});
  const update = useUpdateTeamSettingsMutation();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.reset();
    const input = readForm(event.currentTarget, teamId, canEditQuotas);
    const parsed = teamSettingsSchema.safeParse(input);
    setClientErrors(parsed.success ? {} : zodFieldMessages(parsed.error));
    if (!parsed.success) return;
    update.mutate(input, { onSuccess: (settings) => setSaved((previous) => ({ settings, version: previous.version + 1 })) });
  }

  const errors = { ...clientErrors, ...fieldMessagesOf(update.error) };
  return (
    <form key={saved.version} onSubmit={submit} noValidate className="space-y-8" aria-label="Team settings">
      {update.error && <Alert tone="danger">{update.error.message}</Alert>}
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-slate-900">Expiry</legend>
        <div className="max-w-xs">
          <Label htmlFor="team-defaultTtlHours">Default expiry (hours)</Label>
          <Input
            id="team-defaultTtlHours"
            name="defaultTtlHours"
            type="number"
            min={1}
            step={1}
            className="mt-1.5"
            defaultValue={saved.settings.defaultTtlHours}
            {...fieldProps(errors, 'defaultTtlHours')}
          />
          <p className="mt-1 text-xs text-slate-500">
            New environments expire after this unless chosen otherwise; now {formatHours(saved.settings.defaultTtlHours)}.
          </p>
          <FieldError id="team-defaultTtlHours-error" messages={errors.defaultTtlHours} />
        </div>
      </fieldset>
      {canEditQuotas ? <QuotaFields settings={saved.settings} errors={errors} /> : <QuotaReadOnly settings={saved.settings} />}
      <WebhookFields settings={saved.settings} errors={errors} />
      <div className="flex items-center justify-end gap-4">
        {update.isSuccess && (
          <span role="status" className="text-sm text-green-800">
            Settings saved.
          </span>
        )}
        <Button type="submit" pending={update.isPending}>
          Save settings
        </Button>
      </div>
    </form>
  );
}
