import type { Metadata } from 'next';
import { CreateTokenForm } from '@/components/tokens/create-token-form';
import { TokenTable } from '@/components/tokens/token-table';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { listTokenOwnerCandidates } from '@/lib/domain/token-admin';
import { listTokens, listTokenTeams } from '@/lib/domain/tokens';
import { getDomainContext } from '@/lib/runtime/context';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'API tokens · Clonedeck' };

export default async function TokensPage() {
  const user = await requireUser();
  const context = getDomainContext();
  const actor = userActor(user);
  const [tokens, teams, ownerCandidates] = await Promise.all([
    listTokens(context, actor),
    listTokenTeams(context, actor),
    listTokenOwnerCandidates(context, actor),
  ]);

  return (
    <div className="space-y-6">
      <PageHeader
        title="API tokens"
        description={
          <>
            Tokens let CI pipelines clone, reset and drop environments through the REST API and <code>npx clonedeck</code>. Each is scoped
            to one team and a set of permissions, and expires. See{' '}
            <a className="text-indigo-700 underline" href="/api/v1/openapi.json">
              the OpenAPI document
            </a>
            .
          </>
        }
      />
      <Card>
        <CardHeader>
          <CardTitle>New token</CardTitle>
          <CardDescription>Team leads create tokens for their team; administrators for any team.</CardDescription>
        </CardHeader>
        <CardContent>
          {teams.length > 0 ? (
            <CreateTokenForm teams={teams} />
          ) : (
            <Alert tone="info">Only a team lead or an administrator can create tokens. Ask your team lead for one.</Alert>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Tokens</CardTitle>
          <CardDescription>
            Only the prefix is kept in clear; revoking takes effect on the next request. A token never does more than the person who made it
            may do today: when they lose the lead role or leave the team, the permissions they no longer have are struck through.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <TokenTable tokens={tokens} ownerCandidates={ownerCandidates} />
        </CardContent>
      </Card>
    </div>
  );
}
