import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EnvironmentTable } from '@/components/environments-list/environment-table';
import { AddMemberForm } from '@/components/teams/add-member-form';
import { MemberTable } from '@/components/teams/member-table';
import { RoleBadge } from '@/components/teams/role-badge';
import { TeamSettingsForm } from '@/components/teams/team-settings-form';
import { TeamSettingsSummary } from '@/components/teams/team-settings-summary';
import { UsageMeters } from '@/components/teams/usage-meters';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { listEngineStatus } from '@/lib/domain/engines';
import { getTeamDetail, type TeamDetail } from '@/lib/domain/teams';
import { isAppError } from '@/lib/errors';
import { formatBytes } from '@/lib/format/bytes';
import { getDomainContext } from '@/lib/runtime/context';

export const metadata: Metadata = { title: 'Team · Clonedeck' };

interface TeamPageProps {
  params: Promise<{ id: string }>;
}

async function loadTeam(teamId: string): Promise<TeamDetail> {
  const user = await requireUser();
  try {
    return await getTeamDetail(getDomainContext(), userActor(user), teamId);
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}

function environmentsDescription(team: TeamDetail): string {
  const { environmentCount, ownBytes, logicalBytes } = team.usage;
  if (environmentCount === 0) return 'No environments right now.';
  const count = `${environmentCount} ${environmentCount === 1 ? 'environment' : 'environments'}`;
  return `${count}: ${formatBytes(ownBytes)} of own delta in total, over ${formatBytes(logicalBytes)} of logical size.`;
}

export default async function TeamPage({ params }: TeamPageProps) {
  const { id } = await params;
  const team = await loadTeam(id);
  const context = getDomainContext();
  const engines = await listEngineStatus(context);
  const deltaEngineIds = engines.filter((engine) => engine.capabilities?.deltaAccounting).map((engine) => engine.id);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-600">
            <Link href="/teams" className="hover:underline">
              Teams
            </Link>{' '}
            / <span className="font-mono">{team.name}</span>
          </p>
          <h1 className="mt-1 flex items-center gap-3 text-2xl font-semibold tracking-tight text-slate-900">
            {team.displayName} <RoleBadge viewer={team.viewer} />
          </h1>
        </div>
        {team.viewer.canProvision && (
          <Link href="/environments/new" className={buttonClasses('secondary')}>
            Provision environment
          </Link>
        )}
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Usage against quota</CardTitle>
        </CardHeader>
        <CardContent>
          <UsageMeters usage={team.usage} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Environments</CardTitle>
          <CardDescription>{environmentsDescription(team)}</CardDescription>
        </CardHeader>
        {team.environments.length > 0 && (
          <EnvironmentTable
            environments={team.environments}
            deltaEngineIds={deltaEngineIds}
            now={context.now()}
            caption={`Environments of ${team.displayName}`}
            showTeam={false}
          />
        )}
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Members</CardTitle>
          <CardDescription>Leads provision, snapshot, restore and drop; members see, connect and reset.</CardDescription>
        </CardHeader>
        <MemberTable members={team.members} teamName={team.displayName} manageTeamId={team.viewer.isAdmin ? team.id : undefined} />
        {team.viewer.isAdmin && (
          <CardContent>
            <AddMemberForm teamId={team.id} />
          </CardContent>
        )}
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Settings</CardTitle>
          <CardDescription>
            {team.viewer.canEditQuotas
              ? 'As an administrator you can change everything here.'
              : team.viewer.canEditDefaults
                ? 'Leads set the default expiry and the expiry webhook; administrators set the quotas.'
                : 'Team leads and administrators change these.'}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {team.viewer.canEditDefaults ? (
            <TeamSettingsForm teamId={team.id} settings={team.settings} canEditQuotas={team.viewer.canEditQuotas} />
          ) : (
            <TeamSettingsSummary settings={team.settings} />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
