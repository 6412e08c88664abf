'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { CodeBlock } from '@/components/ui/code-block';
import { Spinner } from '@/components/ui/spinner';
import type { EnvironmentView } from '@/lib/domain/environments/views';
import { useConnectionInfoQuery } from './environment-queries';

export function ConnectionCard({ environment }: { environment: EnvironmentView }) {
  const [asked, setAsked] = useState(false);
  const ready = environment.status === 'ready';
  const connection = useConnectionInfoQuery(environment.id, asked && ready);

  return (
    <Card>
      <CardHeader>
        <CardTitle>Connection</CardTitle>
        <CardDescription>
          {environment.isProduction ? 'Connect a client to production itself: handle with care.' : 'Connect any client to this clone; what you change stays in it.'}
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
        {ready && connection.data && (
          <>
            <CodeBlock label={connection.data.protocol === 'mysql' ? 'mysql command' : 'psql command'} code={connection.data.command} />
            <CodeBlock label="Connection URL" code={connection.data.url} />
            {connection.data.notes.length > 0 && (
              <ul className="list-disc space-y-1 pl-5 text-xs text-slate-600">
                {connection.data.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
}
