import type { Metadata } from 'next';
import { DropAnnouncementNotice } from '@/components/environments/drop-announcement-notice';
import Link from 'next/link';
import { EnginesCard } from '@/components/tree/engines-card';
import { Overview } from '@/components/tree/overview';
import { UnmanagedNotice } from '@/components/tree/unmanaged-notice';
import { buttonClasses } from '@/components/ui/button';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { listEngineStatus } from '@/lib/domain/engines';
import { getOverviewData } from '@/lib/domain/tree';
import { listUnmanagedDatabases } from '@/lib/domain/unmanaged';
import { getDomainContext } from '@/lib/runtime/context';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Overview · Clonedeck' };

// The first tree is rendered here, so the page reads before JavaScript runs; the client then polls.
export default async function OverviewPage() {
  const user = await requireUser();
  const context = getDomainContext();
  const [overview, engines, unmanaged] = await Promise.all([
    getOverviewData(context, userActor(user)),
    listEngineStatus(context),
    user.isAdmin ? listUnmanagedDatabases(context) : Promise.resolve([]),
  ]);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Overview"
        description="Production, its snapshots and the clones made from them, with what each one really stores on its own."
        actions={
          overview.tree.canProvision && (
            <Link href="/environments/new" className={buttonClasses('primary', 'md')}>
              Provision environment
            </Link>
          )
        }
      />
      <DropAnnouncementNotice />
      <UnmanagedNotice databases={unmanaged} />
      <Overview initialData={overview} />
      <EnginesCard engines={engines} />
    </div>
  );
}
