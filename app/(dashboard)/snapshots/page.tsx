import type { Metadata } from 'next';
import { loadSnapshotsPage } from '@/lib/domain/snapshots-page';
import { SnapshotTable } from '@/components/snapshots/snapshot-table';
import { TakeSnapshotForm } from '@/components/snapshots/take-snapshot-form';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { getDomainContext } from '@/lib/runtime/context';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Snapshots · Clonedeck' };

interface SnapshotsPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function SnapshotsPage({ searchParams }: SnapshotsPageProps) {
  const { environment } = await searchParams;
  const user = await requireUser();
  const context = getDomainContext();
  const { rows, sources } = await loadSnapshotsPage(context, userActor(user));

  return (
    <div className="space-y-6">
      <PageHeader
        title="Snapshots"
        description={
          <>
            Named points in time of a database. Taking one copies no data; clones made from it share its pages, so its data stays on disk
            while any clone stands on it.
          </>
        }
      />
      {sources.length > 0 && (
        <Card>
          <CardHeader>
            <CardTitle>Take a snapshot</CardTitle>
            <CardDescription>Leads snapshot their team&apos;s environments; administrators also production.</CardDescription>
          </CardHeader>
          <CardContent>
            <TakeSnapshotForm
              sources={sources}
              initialEnvironmentId={typeof environment === 'string' ? environment : undefined}
              renderedAt={context.now().toISOString()}
            />
          </CardContent>
        </Card>
      )}
      <Card>
        <CardHeader>
          <CardTitle>Snapshots</CardTitle>
          <CardDescription>
            Times in UTC. A reset point is the clean start an environment resets to; it goes with its environment.
          </CardDescription>
        </CardHeader>
        <SnapshotTable rows={rows} />
      </Card>
    </div>
  );
}
