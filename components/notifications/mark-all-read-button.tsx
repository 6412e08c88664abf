'use client';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useMarkNotificationsReadMutation } from './use-notifications';

export function MarkAllReadButton({ disabled }: { disabled: boolean }) {
  const mutation = useMarkNotificationsReadMutation();
  return (
    <div className="flex flex-col items-end gap-2">
      <Button variant="secondary" size="sm" disabled={disabled} pending={mutation.isPending} onClick={() => mutation.mutate(undefined)}>
        Mark all read
      </Button>
      {mutation.isError && <Alert tone="danger">{mutation.error.message}</Alert>}
    </div>
  );
}
