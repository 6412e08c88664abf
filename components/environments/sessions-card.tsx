'use client';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { useEndSessionMutation } from './environment-mutations';
import { useSessionsQuery } from './environment-queries';
import { formatTimestamp } from '@/lib/format/time';

/** Who is connected right now; leads and admins can end a session (its transaction rolls back). */
export function SessionsCard({ environmentId, canEnd }: { environmentId: string; canEnd: boolean }) {
  const sessions = useSessionsQuery(environmentId);
  const end = useEndSessionMutation(environmentId);
  const list = sessions.data ?? [];

  return (
    <Card>
      <CardHeader>
        <CardTitle>Connected clients</CardTitle>
        <CardDescription>Sessions on this environment's server, refreshed every few seconds.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-2">
        {sessions.error && <Alert tone="danger">{sessions.error.message}</Alert>}
        {end.error && <Alert tone="danger">{end.error.message}</Alert>}
        {sessions.isSuccess && list.length === 0 && <p className="text-sm text-slate-600">Nobody is connected.</p>}
        {list.length > 0 && (
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-slate-500">
              <tr>
                <th scope="col">Role</th>
                <th scope="col">From</th>
                <th scope="col">Since</th>
                <th scope="col">State</th>
                <th scope="col">Statement</th>
                {canEnd && (
                  <th scope="col">
                    <span className="sr-only">End</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {list.map((session) => (
                <tr key={session.id} className="border-t border-slate-100 align-top">
                  <td className="py-1 font-mono">{session.user}</td>
                  <td className="py-1">{session.address ?? '—'}</td>
                  <td className="py-1">{formatTimestamp(new Date(session.since).toISOString())}</td>
                  <td className="py-1">
                    {session.state}
                    {session.waitingFor && <span className="block text-xs text-amber-700">waiting: {session.waitingFor}</span>}
                  </td>
                  <td className="max-w-xs truncate py-1 font-mono text-xs" title={session.query ?? ''}>
                    {session.query ?? ''}
                  </td>
                  {canEnd && (
                    <td className="py-1">
                      <Button variant="secondary" disabled={end.isPending} onClick={() => end.mutate(session.id)}>
                        End session
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </CardContent>
    </Card>
  );
}
