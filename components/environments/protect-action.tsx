'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import type { EnvironmentLimits } from '@/lib/domain/environments/detail';
import type { EnvironmentView } from '@/lib/domain/environments/views';
import { parseDuration, protectChoices } from './durations';
import { formatHours } from '@/lib/format/time';
import { useProtectEnvironmentMutation } from './environment-mutations';
import { formatTimestamp } from '@/lib/format/time';

/** Protected environments are not dropped, not even when they expire. */
export function ProtectAction({
  environment,
  limits,
  disabled,
}: {
  environment: EnvironmentView;
  limits: EnvironmentLimits;
  disabled: boolean;
}) {
  const { choices, defaultValue } = protectChoices(limits);
  const [hours, setHours] = useState(defaultValue);
  const protect = useProtectEnvironmentMutation(environment.id);
  const submit = () => {
    const parsed = parseDuration(hours);
    if (parsed !== undefined) protect.mutate(parsed);
  };
  const bound = limits.isAdmin ? null : `Leads protect for at most ${formatHours(limits.maxLeadProtectHours)} at a time.`;

  return (
    <div className="space-y-2">
      {environment.protected ? (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-slate-700">
            {environment.protectedUntil
              ? `Protected until ${formatTimestamp(environment.protectedUntil)}.`
              : 'Protected until unprotected.'}
          </p>
          <Button variant="secondary" onClick={() => protect.mutate(0)} pending={protect.isPending} disabled={disabled}>
            Unprotect
          </Button>
        </div>
      ) : (
        <div className="flex flex-wrap items-end gap-2">
          <div className="min-w-40 flex-1">
            <Label htmlFor="protect-hours">Protect for</Label>
            <Select
              id="protect-hours"
              className="mt-1.5"
              value={hours}
              onChange={(event) => setHours(event.target.value)}
              options={choices}
              aria-describedby={bound ? 'protect-hours-hint' : undefined}
            />
          </div>
          <Button variant="secondary" onClick={submit} pending={protect.isPending} disabled={disabled}>
            Protect
          </Button>
        </div>
      )}
      {bound && !environment.protected && (
        <p id="protect-hours-hint" className="text-xs text-slate-500">
          {bound}
        </p>
      )}
      {protect.error && <Alert tone="danger">{protect.error.message}</Alert>}
    </div>
  );
}
