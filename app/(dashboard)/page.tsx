import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/session';
import { getPrisma } from '@/lib/db/prisma';

export const metadata: Metadata = { title: 'Overview · Clonedeck' };

// Placeholder until the overview (environment tree, storage picture, expiring clones) lands.
export default async function OverviewPage() {
  const user = await requireUser();
  const memberships = await getPrisma().membership.findMany({
    where: { userId: user.id },
    include: { team: { select: { displayName: true } } },
    orderBy: { team: { name: 'asc' } },
  });

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Overview</h1>
      <Card>
        <CardHeader>
          <CardTitle>Coming soon</CardTitle>
          <CardDescription>The environment tree, the storage picture and what expires next are coming here.</CardDescription>
        </CardHeader>
        <CardContent>
          <h2 className="text-sm font-medium text-slate-700">Your teams</h2>
          {memberships.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">{user.isAdmin ? 'You administer every team.' : 'You are not in a team yet.'}</p>
          ) : (
            <ul className="mt-2 flex flex-wrap gap-2">
              {memberships.map((membership) => (
                <li key={membership.id}>
                  <Badge tone={membership.role === 'lead' ? 'info' : 'neutral'}>
                    {membership.team.displayName} · {membership.role}
                  </Badge>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
