import type { Metadata } from 'next';
import { DropAnnouncementNotice } from '@/components/environments/drop-announcement-notice';
import Link from 'next/link';
import { EnvironmentTable } from '@/components/environments-list/environment-table';
import { TeamFilter } from '@/components/environments-list/team-filter';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { listEngineStatus } from '@/lib/domain/engines';
import { listEnvironments } from '@/lib/domain/environments/queries';
import { listVisibleTeams } from '@/lib/domain/teams';
import { getDomainContext } from '@/lib/runtime/context';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Environments · Clonedeck' };

interface EnvironmentsPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function EnvironmentsPage({ searchParams }: EnvironmentsPageProps) {
  const { team: teamParam } = await searchParams;
  const teamName = typeof teamParam === 'string' && teamParam !== '' ? teamParam : null;
  const user = await requireUser();
  const context = getDomainContext();
  const actor = userActor(user);
  const teams = await listVisibleTeams(context, actor);
  const team = teamName ? teams.find((candidate) => candidate.name === teamName) : undefined;
  const [environments, engines] = await Promise.all([
    teamName && !team ? Promise.resolve([]) : listEnvironments(context, actor, team ? { teamId: team.id } : {}),
    listEngineStatus(context),
  ]);
  const deltaEngineIds = engines.filter((engine) => engine.capabilities?.deltaAccounting).map((engine) => engine.id);
  const canProvision = teams.some((candidate) => candidate.viewer.canProvision);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Environments"
        description="Databases you can see: production and your teams' clones. Logical size is what the database sees; own delta is what it stores on its own, beside the data it shares with its source."
        actions={
          canProvision && (
            <Link href="/environments/new" className={buttonClasses('primary')}>
              Provision environment
            </Link>
          )
        }
      />
      <DropAnnouncementNotice />
      {teams.length > 1 && <TeamFilter teams={teams} current={teamName} basePath="/environments" />}
      {teamName && !team && <Alert tone="warning">There is no team named “{teamName}” that you can see.</Alert>}
      <Card>
        <CardContent className="px-0 py-0">
          {environments.length === 0 ? (
            <p className="px-5 py-6 text-sm text-slate-600">{team ? `${team.displayName} has no environments.` : 'No environments yet.'}</p>
          ) : (
            <EnvironmentTable
              environments={environments}
              deltaEngineIds={deltaEngineIds}
              now={context.now()}
              caption={team ? `Environments of ${team.displayName}` : 'Environments'}
            />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
