'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import type { EnvironmentLimits } from '@/lib/domain/environments/detail';
import type { EnvironmentView } from '@/lib/domain/environments/views';
import { expiryChoices, parseDuration } from './durations';
import { useExtendEnvironmentMutation } from './environment-mutations';
import { formatTimestamp } from '@/lib/format/time';

/** A new expiry counted from now, within the administrator's maximum ("never": admins). */
export function ExtendAction({
  environment,
  limits,
  disabled,
}: {
  environment: EnvironmentView;
  limits: EnvironmentLimits;
  disabled: boolean;
}) {
  const { choices, defaultValue } = expiryChoices({
    maxTtlHours: limits.maxTtlHours,
    isAdmin: limits.isAdmin,
    defaultTtlHours: limits.teamDefaultTtlHours,
  });
  const [ttl, setTtl] = useState(defaultValue);
  const extend = useExtendEnvironmentMutation(environment.id);
  const submit = () => {
    const hours = parseDuration(ttl);
    if (hours !== undefined) extend.mutate(hours);
  };
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-40 flex-1">
          <Label htmlFor="extend-ttl">Expire in</Label>
          <Select id="extend-ttl" className="mt-1.5" value={ttl} onChange={(event) => setTtl(event.target.value)} options={choices} />
        </div>
        <Button variant="secondary" onClick={submit} pending={extend.isPending} disabled={disabled}>
          Extend
        </Button>
      </div>
      {extend.error && <Alert tone="danger">{extend.error.message}</Alert>}
      {extend.isSuccess && (
        <Alert tone="success">
          {extend.data.expiresAt ? `Now expires at ${formatTimestamp(extend.data.expiresAt)}.` : 'It no longer expires.'}
        </Alert>
      )}
    </div>
  );
}
