import type { Metadata } from 'next';
import { z } from 'zod';
import { AuditFilterForm } from '@/components/audit/audit-filter-form';
import { AuditPagination } from '@/components/audit/audit-pagination';
import { auditQueryString } from '@/components/audit/audit-query';
import { AuditTable } from '@/components/audit/audit-table';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { listAuditEvents, listAuditFilterChoices } from '@/lib/domain/audit-log';
import { isAppError } from '@/lib/errors';
import { getDomainContext } from '@/lib/runtime/context';
import { auditFilterInput, auditFilterSchema } from '@/lib/validations/audit';

export const metadata: Metadata = { title: 'Audit log · Clonedeck' };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  const context = getDomainContext();
  const actor = userActor(user);
  const values = auditFilterInput(await searchParams);

  let choices: Awaited<ReturnType<typeof listAuditFilterChoices>>;
  try {
    choices = await listAuditFilterChoices(context, actor);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'FORBIDDEN') throw error;
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Audit log</h1>
        <Alert tone="info">{error.message} Ask your team lead if you need to know who did what.</Alert>
      </div>
    );
  }
  const parsed = auditFilterSchema.safeParse(values);
  const page = parsed.success ? await listAuditEvents(context, actor, parsed.data) : null;
  const fieldErrors = parsed.success ? {} : z.flattenError(parsed.error).fieldErrors;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Audit log</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">
            Every operation, from the dashboard, the API and the CLI, and what the server did by itself (expiry, webhooks) as the{' '}
            <em>system</em> actor.{' '}
            {user.isAdmin ? 'Administrators see every team and the organisation-wide events.' : 'You see the teams you lead.'}
          </p>
        </div>
        {page && (
          <a href={`/audit/export${auditQueryString(values)}`} className={buttonClasses('secondary')} download>
            Export CSV
          </a>
        )}
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Filters</CardTitle>
          <CardDescription>Times are UTC. A date alone covers the whole day.</CardDescription>
        </CardHeader>
        <CardContent>
          <AuditFilterForm values={values} teams={choices.teams} actions={choices.actions} fieldErrors={fieldErrors} />
        </CardContent>
      </Card>
      {page ? (
        <Card>
          <CardContent className="space-y-4">
            <AuditTable events={page.events} />
            <AuditPagination values={values} page={page.page} pageCount={page.pageCount} total={page.total} />
          </CardContent>
        </Card>
      ) : (
        <Alert tone="warning">Some filters are not valid; correct them above to see events.</Alert>
      )}
    </div>
  );
}
