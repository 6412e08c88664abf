'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { CodeBlock } from '@/components/ui/code-block';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Spinner } from '@/components/ui/spinner';
import type { EnvironmentView } from '@/lib/domain/environments/views';
import type { ConnectionInfo } from '@/lib/engines/types';
import { useRevealConnectionMutation, useRotateCredentialsMutation } from './environment-mutations';
import { useConnectionInfoQuery } from './environment-queries';

export function ConnectionCard({ environment, canRotate }: { environment: EnvironmentView; canRotate: boolean }) {
  const [asked, setAsked] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const ready = environment.status === 'ready';
  const connection = useConnectionInfoQuery(environment.id, asked && ready);
  const reveal = useRevealConnectionMutation(environment.id);
  const rotate = useRotateCredentialsMutation(environment.id);
  const revealed = rotate.data ?? reveal.data;
  const shown = revealed ?? connection.data;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Connection</CardTitle>
        <CardDescription>
          {environment.isProduction
            ? 'Connect a client to production itself: handle with care.'
            : 'Connect any client to this clone; what you change stays in it.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-3">
        {!ready && <p className="text-sm text-slate-600">Connection details appear once it is ready.</p>}
        {ready && !asked && (
          <Button variant="secondary" onClick={() => setAsked(true)}>
            Show connection details
          </Button>
        )}
        {ready && asked && connection.isPending && <Spinner label="Opening a port…" />}
        {connection.error && <Alert tone="danger">{connection.error.message}</Alert>}
        {ready && shown && <ConnectionDetails info={shown} />}
        {ready && connection.data?.access && (
          <div className="flex flex-wrap gap-2">
            {!revealed && (
              <Button variant="secondary" onClick={() => reveal.mutate()} disabled={reveal.isPending}>
                Reveal password
              </Button>
            )}
            {canRotate && (
              <Button variant="secondary" onClick={() => setConfirming(true)}>
                Rotate credentials
              </Button>
            )}
          </div>
        )}
        {(reveal.error ?? rotate.error) && <Alert tone="danger">{(reveal.error ?? rotate.error)!.message}</Alert>}
        <ConfirmDialog
          open={confirming}
          title={`Rotate the credentials of ${environment.name}?`}
          message="Both roles get new passwords. Sessions already connected stay; saved connection strings stop working for new connections."
          confirmLabel="Rotate"
          pending={rotate.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() => rotate.mutate(undefined, { onSettled: () => setConfirming(false) })}
        />
      </CardContent>
    </Card>
  );
}

function ConnectionDetails({ info }: { info: ConnectionInfo }) {
  return (
    <>
      {info.access && (
        <p className="text-sm text-slate-700">
          You connect as <code>{info.user}</code>:{' '}
          {info.access === 'read-only' ? 'read-only — the server refuses every write.' : 'read and write.'} TLS is on (
          <code>sslmode=require</code>).
        </p>
      )}
      <CodeBlock label={info.protocol === 'mysql' ? 'mysql command' : 'psql command'} code={info.command} />
      <CodeBlock label="Connection URL" code={info.url} />
      {info.password && <CodeBlock label="Password" code={info.password} />}
      {info.notes.length > 0 && (
        <ul className="list-disc space-y-1 pl-5 text-xs text-slate-600">
          {info.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </>
  );
}
