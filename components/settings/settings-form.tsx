'use client';

import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field-error';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { fieldMessagesOf } from '@/lib/client/action-error';
import { type FieldMessages, zodFieldMessages } from '@/lib/client/form-errors';
import { type Settings, settingsSchema } from '@/lib/validations/settings';
import { useUpdateSettingsMutation } from './settings-mutations';

type HoursField = Exclude<keyof Settings, 'webhookAllowedHosts'>;

const FIELDS: Array<{ name: HoursField; label: string; hint: string }> = [
  {
    name: 'maxTtlHours',
    label: 'Maximum expiry (hours)',
    hint: 'No one but an administrator can create or extend an environment further ahead than this.',
  },
  { name: 'maxLeadProtectHours', label: 'Longest protection by a lead (hours)', hint: 'Administrators can protect without an end date.' },
  { name: 'expiryWarningHours', label: 'Warn before expiry (hours)', hint: 'When the notification and the team webhook go out.' },
];

function readForm(form: HTMLFormElement): Record<HoursField, number> & { webhookAllowedHosts: string[] } {
  const data = new FormData(form);
  const number = (name: HoursField) => {
    const text = String(data.get(name) ?? '').trim();
    return text === '' ? Number.NaN : Number(text);
  };
  const hosts = String(data.get('webhookAllowedHosts') ?? '')
    .split(/[\s,]+/)
    .filter(Boolean);
  return {
    maxTtlHours: number('maxTtlHours'),
    maxLeadProtectHours: number('maxLeadProtectHours'),
    expiryWarningHours: number('expiryWarningHours'),
    webhookAllowedHosts: hosts,
  };
}

export function SettingsForm({ settings }: { settings: Settings }) {
  const [clientErrors, setClientErrors] = useState<FieldMessages>({});
  const update = useUpdateSettingsMutation();
  const fieldErrors: Partial<FieldMessages> = { ...clientErrors, ...fieldMessagesOf(update.error) };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.reset();
    const parsed = settingsSchema.safeParse(readForm(event.currentTarget));
    setClientErrors(parsed.success ? {} : zodFieldMessages(parsed.error));
    if (parsed.success) update.mutate(parsed.data);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label="Organisation settings">
      {update.error && <Alert tone="danger">{update.error.message}</Alert>}
      {update.isSuccess && <Alert tone="success">Settings saved. They apply from the next operation.</Alert>}
      <div className="grid gap-5 sm:grid-cols-3">
        {FIELDS.map((field) => (
          <div key={field.name}>
            <Label htmlFor={`settings-${field.name}`}>{field.label}</Label>
            <Input
              id={`settings-${field.name}`}
              name={field.name}
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              className="mt-1.5"
              defaultValue={settings[field.name]}
              invalid={Boolean(fieldErrors[field.name])}
              aria-describedby={`settings-${field.name}-hint${fieldErrors[field.name] ? ` settings-${field.name}-error` : ''}`}
            />
            <p id={`settings-${field.name}-hint`} className="mt-1.5 text-xs text-slate-600">
              {field.hint}
            </p>
            <FieldError id={`settings-${field.name}-error`} messages={fieldErrors[field.name]} />
          </div>
        ))}
      </div>
      <div>
        <Label htmlFor="settings-webhookAllowedHosts">Webhook hosts allowed on internal addresses</Label>
        <Textarea
          id="settings-webhookAllowedHosts"
          name="webhookAllowedHosts"
          rows={3}
          className="mt-1.5 font-mono"
          defaultValue={settings.webhookAllowedHosts.join('\n')}
          invalid={Boolean(fieldErrors.webhookAllowedHosts)}
          aria-describedby={`settings-webhookAllowedHosts-hint${fieldErrors.webhookAllowedHosts ? ' settings-webhookAllowedHosts-error' : ''}`}
        />
        <p id="settings-webhookAllowedHosts-hint" className="mt-1.5 text-xs text-slate-600">
          One host name or IP address per line. Team webhooks go only to public addresses; these hosts may also be loopback, private or
          link-local (e.g. a receiver inside your network).
        </p>
        <FieldError id="settings-webhookAllowedHosts-error" messages={fieldErrors.webhookAllowedHosts} />
      </div>
      <div className="flex justify-end">
        <Button type="submit" pending={update.isPending}>
          Save settings
        </Button>
      </div>
    </form>
  );
}
