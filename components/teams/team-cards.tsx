import Link from 'next/link';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import type { TeamSummary } from '@/lib/domain/teams';
import { RoleBadge } from './role-badge';
import { UsageMeters } from './usage-meters';

/** One card per team: who is in it and how much of its quota its environments use. */
export function TeamCards({ teams }: { teams: TeamSummary[] }) {
  return (
    <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {teams.map((team) => (
        <li key={team.id}>
          <Card className="h-full">
            <CardHeader className="flex items-start justify-between gap-3">
              <div>
                <h2 className="text-base font-semibold text-slate-900">
                  <Link href={`/teams/${team.id}`} className="text-indigo-700 hover:underline">
                    {team.displayName}
                  </Link>
                </h2>
                <p className="mt-0.5 text-sm text-slate-600">
                  <span className="font-mono">{team.name}</span> · {team.memberCount} {team.memberCount === 1 ? 'member' : 'members'}
                </p>
              </div>
              {team.viewer.role && <RoleBadge viewer={team.viewer} />}
            </CardHeader>
            <CardContent>
              <UsageMeters usage={team.usage} compact />
            </CardContent>
          </Card>
        </li>
      ))}
    </ul>
  );
}
