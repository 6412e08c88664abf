'use client';

import type { EnvironmentView } from '@/lib/domain/environments/views';
import { useResetEnvironmentMutation } from './environment-mutations';
import { OperationConfirm } from './operation-confirm';

export interface ResetEnvironmentProps {
  environment: Pick<EnvironmentView, 'id' | 'name'>;
  disabled: boolean;
  /** The overview's small card (see OperationConfirm). */
  compact?: boolean;
  tabIndex?: number;
}

/** QA's one click: back to the reset point, the state it was provisioned with. The page and the overview both use this. */
export function ResetEnvironment({ environment, disabled, compact = false, tabIndex }: ResetEnvironmentProps) {
  const reset = useResetEnvironmentMutation(environment.id);
  return (
    <OperationConfirm
      environmentName={environment.name}
      compact={compact}
      label="Reset to starting point"
      compactLabel="Reset"
      variant={compact ? 'secondary' : 'primary'}
      disabled={disabled}
      tabIndex={tabIndex}
      title={`Reset ${environment.name}?`}
      message={
        <p>
          {environment.name} goes back to its reset point, the state it had when it was provisioned. Everything written to it since is lost.
        </p>
      }
      intent={{ kind: 'reset', environmentId: environment.id }}
      confirmLabel="Reset"
      tone="primary"
      state={reset}
      successText={`Reset: ${environment.name} is as it was when provisioned.`}
      onConfirm={(close) => reset.mutate(undefined, { onSuccess: close })}
    />
  );
}
