'use client';

import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { previewSqlAction } from '@/lib/actions/sql-preview';
import { unwrapResult } from '@/lib/client/action-error';
import type { Intent, SqlPreview } from '@/lib/domain/sql-preview';
import { CodeBlock } from '@/components/ui/code-block';

export const sqlPreviewKeys = {
  all: ['sql-preview'] as const,
  intent: (intent: Intent) => [...sqlPreviewKeys.all, intent] as const,
};

/** Fetches the statements only while the preview is open. */
export function useSqlPreviewQuery(intent: Intent | null, open: boolean) {
  return useQuery({
    queryKey: intent ? sqlPreviewKeys.intent(intent) : sqlPreviewKeys.all,
    queryFn: async () => unwrapResult(await previewSqlAction(intent)),
    enabled: open && intent !== null,
    retry: false,
  });
}

export function renderStatements(preview: SqlPreview): string {
  return preview.statements
    .map((statement) => (statement.comment ? `-- ${statement.comment}\n${statement.sql}` : statement.sql))
    .join('\n');
}

/**
 * "Show SQL" next to an action: the statements the engine will run, in its own dialect,
 * before the user confirms. `intent` is null while the form is incomplete.
 */
export function SqlPreviewToggle({ intent, label = 'Show SQL' }: { intent: Intent | null; label?: string }) {
  const [open, setOpen] = useState(false);
  const regionId = useId();
  const query = useSqlPreviewQuery(intent, open);
  return (
    <div className="space-y-2">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={regionId}
        onClick={() => setOpen((value) => !value)}
        className="text-xs font-medium text-indigo-700 underline-offset-2 hover:underline"
      >
        {open ? 'Hide SQL' : label}
      </button>
      {open && (
        <div id={regionId}>
          {intent === null && <p className="text-xs text-slate-500">Fill in the form to see the statements.</p>}
          {query.isPending && intent !== null && <p className="text-xs text-slate-500">Rendering…</p>}
          {query.error && <p className="text-xs text-red-700">{query.error.message}</p>}
          {query.data && <CodeBlock label={`Equivalent SQL (${query.data.engine})`} code={renderStatements(query.data)} />}
        </div>
      )}
    </div>
  );
}
