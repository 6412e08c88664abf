'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Checkbox } from '@/components/ui/checkbox';
import { FieldError } from '@/components/ui/field-error';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import type { TeamSettingsView } from '@/lib/domain/teams';
import { formatBytes } from '@/lib/format/bytes';
import { WEBHOOK_SECRET_MIN } from '@/lib/validations/teams';
import { amountForBytes, BYTE_UNITS } from './quota';

export type FieldErrors = Record<string, string[] | undefined>;

/** Props for a field's input: marks it invalid and points at its messages. */
export function fieldProps(errors: FieldErrors, field: string) {
  return { invalid: Boolean(errors[field]), 'aria-describedby': errors[field] ? `team-${field}-error` : undefined };
}

const legendClasses = 'text-sm font-semibold text-slate-900';

export function QuotaFields({ settings, errors }: { settings: TeamSettingsView; errors: FieldErrors }) {
  const [noLimit, setNoLimit] = useState(settings.maxOwnBytes === null);
  const initial = amountForBytes(settings.maxOwnBytes ?? 10 * 1024 ** 3);
  return (
    <fieldset className="space-y-4">
      <legend className={legendClasses}>Quotas</legend>
      <p className="text-sm text-slate-600">Provisioning is refused once the team reaches either one. Only administrators change them.</p>
      <div className="grid max-w-2xl gap-5 sm:grid-cols-2">
        <div>
          <Label htmlFor="team-maxEnvironments">Maximum environments</Label>
          <Input
            id="team-maxEnvironments"
            name="maxEnvironments"
            type="number"
            min={0}
            step={1}
            className="mt-1.5"
            defaultValue={settings.maxEnvironments}
            {...fieldProps(errors, 'maxEnvironments')}
          />
          <FieldError id="team-maxEnvironments-error" messages={errors.maxEnvironments} />
        </div>
        <div>
          <Label htmlFor="team-maxOwnBytes">Maximum own delta</Label>
          <div className="mt-1.5 flex gap-2">
            <Input
              id="team-maxOwnBytes"
              name="maxOwnBytesAmount"
              type="number"
              min={0}
              step="any"
              disabled={noLimit}
              defaultValue={initial.amount}
              {...fieldProps(errors, 'maxOwnBytes')}
            />
            <div className="w-24 shrink-0">
              <Select
                name="maxOwnBytesUnit"
                aria-label="Unit"
                disabled={noLimit}
                defaultValue={initial.unit}
                options={BYTE_UNITS.map(({ unit }) => ({ value: unit, label: unit }))}
              />
            </div>
          </div>
          <FieldError id="team-maxOwnBytes-error" messages={errors.maxOwnBytes} />
          <Checkbox
            id="team-noDeltaLimit"
            name="noDeltaLimit"
            className="mt-2"
            label="No limit"
            checked={noLimit}
            onChange={(event) => setNoLimit(event.target.checked)}
          />
        </div>
      </div>
    </fieldset>
  );
}

export function WebhookFields({ settings, errors }: { settings: TeamSettingsView; errors: FieldErrors }) {
  const [clearing, setClearing] = useState(false);
  return (
    <fieldset className="space-y-4">
      <legend className={legendClasses}>Expiry warnings</legend>
      <p className="text-sm text-slate-600">
        Before an environment of the team expires, Clonedeck posts a warning to this URL, signed with HMAC-SHA256 of the body using the
        secret.
      </p>
      <div className="max-w-2xl">
        <Label htmlFor="team-webhookUrl">Webhook URL</Label>
        <Input
          id="team-webhookUrl"
          name="webhookUrl"
          type="url"
          className="mt-1.5"
          placeholder="https://hooks.example.com/clonedeck"
          defaultValue={settings.webhookUrl ?? ''}
          autoComplete="off"
          {...fieldProps(errors, 'webhookUrl')}
        />
        <FieldError id="team-webhookUrl-error" messages={errors.webhookUrl} />
      </div>
      <div className="max-w-2xl">
        <div className="flex items-center gap-2">
          <Label htmlFor="team-webhookSecret">{settings.webhookSecretSet ? 'Replace the secret' : 'Secret'}</Label>
          <Badge tone={settings.webhookSecretSet ? 'success' : 'neutral'}>{settings.webhookSecretSet ? 'set' : 'not set'}</Badge>
        </div>
        <Input
          id="team-webhookSecret"
          name="webhookSecret"
          type="password"
          className="mt-1.5"
          autoComplete="new-password"
          disabled={clearing}
          placeholder={settings.webhookSecretSet ? 'Leave empty to keep the current secret' : `At least ${WEBHOOK_SECRET_MIN} characters`}
          {...fieldProps(errors, 'webhookSecret')}
        />
        <FieldError id="team-webhookSecret-error" messages={errors.webhookSecret} />
        <p className="mt-1 text-xs text-slate-500">Write-only: the secret is never shown again once saved.</p>
        {settings.webhookSecretSet && (
          <Checkbox
            id="team-clearWebhookSecret"
            name="clearWebhookSecret"
            className="mt-2"
            label="Clear the secret"
            checked={clearing}
            onChange={(event) => setClearing(event.target.checked)}
          />
        )}
      </div>
    </fieldset>
  );
}

/** What a lead sees of the quotas: the values, not fields. */
export function QuotaReadOnly({ settings }: { settings: TeamSettingsView }) {
  return (
    <div className="space-y-1">
      <p className={legendClasses}>Quotas</p>
      <p className="text-sm text-slate-600">
        At most {settings.maxEnvironments} environments and{' '}
        {settings.maxOwnBytes === null ? 'no limit on own delta' : `${formatBytes(settings.maxOwnBytes)} of own delta`}. Administrators
        change the quotas.
      </p>
    </div>
  );
}
