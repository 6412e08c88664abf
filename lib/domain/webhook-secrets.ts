import { isSealed, openSecret, sealSecret } from '@/lib/auth/sealed-secrets';
import type { Team } from '@/lib/generated/prisma/client';
import type { DomainContext } from './context';

/**
 * A team's webhook signing secret is stored sealed with the server's secret (see
 * sealed-secrets.ts), bound to the team's id. Deliveries must sign with it, so it is sealed
 * rather than hashed.
 */
const PURPOSE = 'webhook-secret';

export function sealWebhookSecret(context: DomainContext, teamId: string, plaintext: string): string {
  return sealSecret(plaintext, context.serverSecret(), PURPOSE, teamId);
}

export type OpenedWebhookSecret = { kind: 'none' } | { kind: 'open'; secret: string } | { kind: 'unreadable' };

export function openWebhookSecret(context: DomainContext, team: Pick<Team, 'id' | 'webhookSecret'>): OpenedWebhookSecret {
  if (team.webhookSecret === null) return { kind: 'none' };
  const secret = openSecret(team.webhookSecret, context.serverSecret(), PURPOSE, team.id);
  return secret === null ? { kind: 'unreadable' } : { kind: 'open', secret };
}

export const UNREADABLE_SECRET_MESSAGE =
  "The team's webhook secret cannot be read with this server's secret (was NEXTAUTH_SECRET or the home's secret file changed?); a lead must set it again.";

/**
 * Seals secrets stored in clear by earlier versions. Run at start (the database cannot do it
 * itself: the key lives with the server, not in the database). Each row is replaced only if
 * it still holds the value read, so replicas starting together seal it once. Returns how many.
 */
export async function sealPlainWebhookSecrets(context: DomainContext): Promise<number> {
  const teams = await context.prisma.team.findMany({ where: { webhookSecret: { not: null } }, select: { id: true, webhookSecret: true } });
  let sealed = 0;
  for (const team of teams) {
    if (team.webhookSecret === null || isSealed(team.webhookSecret)) continue;
    const replaced = await context.prisma.team.updateMany({
      where: { id: team.id, webhookSecret: team.webhookSecret },
      data: { webhookSecret: sealWebhookSecret(context, team.id, team.webhookSecret) },
    });
    sealed += replaced.count;
  }
  return sealed;
}
