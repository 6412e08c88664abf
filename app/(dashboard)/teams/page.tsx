import type { Metadata } from 'next';
import { TeamCards } from '@/components/teams/team-cards';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { listTeamSummaries } from '@/lib/domain/teams';
import { getDomainContext } from '@/lib/runtime/context';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Teams · Clonedeck' };

export default async function TeamsPage() {
  const user = await requireUser();
  const teams = await listTeamSummaries(getDomainContext(), userActor(user));

  return (
    <div className="space-y-6">
      <PageHeader
        title="Teams"
        description={
          <>
            {user.isAdmin ? 'Every team' : 'Your teams'}, with their environments and the delta they hold against their quotas. Provisioning
            over a quota is refused.
          </>
        }
      />
      {teams.length === 0 ? (
        <p className="text-sm text-slate-600">You are not in a team yet. Ask an administrator to add you to one.</p>
      ) : (
        <TeamCards teams={teams} />
      )}
    </div>
  );
}
