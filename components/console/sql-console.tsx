'use client';

import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import { useRunConsoleQueryMutation } from '@/components/environments/environment-mutations';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { FieldError } from '@/components/ui/field-error';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { consoleQuerySchema } from '@/lib/validations/environments';
import { QueryResults } from './query-results';

export interface SqlConsoleProps {
  environmentId: string;
  databaseName: string;
  /** The environment is ready to take queries. */
  ready: boolean;
  /** Read-write is allowed (production: admins only). */
  canWrite: boolean;
  isProduction: boolean;
  /** Each statement stops after this many seconds; null when the engine sets no limit. */
  timeoutSeconds: number | null;
}

/** SQL against this clone only. Read-only by default: one statement, always rolled back. */
export function SqlConsole({ environmentId, databaseName, ready, canWrite, isProduction, timeoutSeconds }: SqlConsoleProps) {
  const [sql, setSql] = useState('');
  const [readOnly, setReadOnly] = useState(true);
  const [inputError, setInputError] = useState<string | null>(null);
  const run = useRunConsoleQueryMutation(environmentId);
  const titleId = useId();

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!ready || run.isPending) return;
    const parsed = consoleQuerySchema.safeParse({ environmentId, sql, readOnly: readOnly || !canWrite });
    setInputError(parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Check the SQL.'));
    if (parsed.success) run.mutate({ sql: parsed.data.sql, readOnly: parsed.data.readOnly });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
  };

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>SQL console</CardTitle>
        <CardDescription>
          Runs against <span className="font-mono">{databaseName}</span> only. Ctrl+Enter runs.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="space-y-3" aria-label={`SQL console for ${databaseName}`}>
          <div>
            <Label htmlFor="console-sql">SQL</Label>
            <Textarea
              id="console-sql"
              className="mt-1.5 font-mono"
              rows={5}
              spellCheck={false}
              value={sql}
              invalid={inputError !== null}
              placeholder="SELECT count(*) FROM user_behavior;"
              onChange={(event) => setSql(event.target.value)}
              onKeyDown={onKeyDown}
              aria-describedby={inputError ? 'console-sql-error console-sql-hint' : 'console-sql-hint'}
            />
            <FieldError id="console-sql-error" messages={inputError ? [inputError] : undefined} />
            <p id="console-sql-hint" className="mt-1 text-xs text-slate-500">
              Read-only runs one statement and rolls it back; read-write runs a whole script.
              {timeoutSeconds !== null && ` Statements stop after ${timeoutSeconds} s.`}
            </p>
          </div>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <Checkbox
              id="console-read-only"
              label="Read-only"
              checked={readOnly || !canWrite}
              disabled={!canWrite}
              onChange={(event) => setReadOnly(event.target.checked)}
              hint={!canWrite ? (isProduction ? 'Only administrators can write to production.' : 'You can only read here.') : undefined}
            />
            <Button type="submit" pending={run.isPending} disabled={!ready}>
              Run
            </Button>
          </div>
        </form>
        <div className="mt-4" aria-live="polite">
          {!ready && <p className="text-sm text-slate-600">Queries run once it is ready.</p>}
          {run.error && <Alert tone="danger">{run.error.message}</Alert>}
          {run.data && !run.isPending && <QueryResults result={run.data} />}
        </div>
      </CardContent>
    </Card>
  );
}
