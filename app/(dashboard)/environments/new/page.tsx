import type { Metadata } from 'next';
import Link from 'next/link';
import { ProvisionForm } from '@/components/environments/provision-form';
import { initialValues, type ProvisionPreselect } from '@/components/environments/provision-values';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { getProvisionOptions } from '@/lib/domain/environments/provision-options';
import { getDomainContext } from '@/lib/runtime/context';

export const metadata: Metadata = { title: 'New environment · Clonedeck' };

interface NewEnvironmentPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const single = (value: string | string[] | undefined) => (typeof value === 'string' && value !== '' ? value : undefined);

export default async function NewEnvironmentPage({ searchParams }: NewEnvironmentPageProps) {
  const user = await requireUser();
  const query = await searchParams;
  const preselect: ProvisionPreselect = { source: single(query.source), snapshot: single(query.snapshot), team: single(query.team) };
  const options = await getProvisionOptions(getDomainContext(), userActor(user));
  const hasSources = options.environments.length + options.snapshots.length > 0;

  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <Link href="/environments" className="text-sm text-indigo-700 hover:underline">
          ← Environments
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">New environment</h1>
        <p className="mt-1 text-sm text-slate-600">
          A copy-on-write clone: ready in seconds whatever the size, and it stores only what you change.
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Provision a clone</CardTitle>
          <CardDescription>From production as it is now, or from a snapshot as it was.</CardDescription>
        </CardHeader>
        <CardContent>
          {options.teams.length === 0 ? (
            <Alert tone="info" title="Only team leads can provision environments.">
              You can use, connect to and reset your team&apos;s environments; ask your team lead (or an administrator) for a new one.
            </Alert>
          ) : !hasSources ? (
            <Alert tone="warning" title="Nothing to clone yet.">
              There is no ready database or snapshot you can see.
            </Alert>
          ) : (
            <ProvisionForm options={options} initial={initialValues(options, preselect, new Date())} />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
