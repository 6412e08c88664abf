'use client';

import { Alert } from '@/components/ui/alert';
import type { Intent } from '@/lib/domain/sql-preview';
import { useSessionsQuery } from './environment-queries';

/** The operations that hang up on an environment's clients. */
export function disconnectsClients(intent: Intent): intent is Extract<Intent, { kind: 'drop' | 'reset' | 'restore' }> {
  return intent.kind === 'drop' || intent.kind === 'reset' || intent.kind === 'restore';
}

/**
 * How many clients the operation will disconnect, said before it is confirmed. Shown to those
 * who may list the sessions, on engines that can; nothing otherwise.
 */
export function DisconnectWarning({ environmentId }: { environmentId: string }) {
  const sessions = useSessionsQuery(environmentId);
  const count = sessions.data?.length ?? 0;
  if (!sessions.isSuccess || count === 0) return null;
  const clients = count === 1 ? '1 connected client' : `${count} connected clients`;
  return <Alert tone="warning">{`This disconnects ${clients} (open transactions roll back).`}</Alert>;
}
