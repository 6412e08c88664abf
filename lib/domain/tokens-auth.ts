import { AppError } from '@/lib/errors';
import type { Actor } from './actor';
import { recordAudit } from './audit';
import type { DomainContext } from './context';
import { loadTokenCreator, noteTokenRestriction, tokenRights } from './token-rights';
import { tokenPermissions } from './tokens';
import { bearerToken, hashToken, looksLikeToken } from './tokens-secret';

export type TokenActor = Extract<Actor, { kind: 'token' }>;

/** lastUsedAt is written at most this often per token, not on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

const unauthenticated = (message: string) => new AppError('UNAUTHENTICATED', message);

/** How audit entries and the UI name a token: its name and visible prefix. */
export function tokenLabel(token: { name: string; prefix: string }): string {
  return `${token.name} (${token.prefix})`;
}

/**
 * The actor behind an `Authorization` header value. UNAUTHENTICATED, with a message saying
 * which, for a missing, malformed, unknown, revoked or expired token. Uses of revoked and
 * expired tokens are audited (someone still holds them); unknown ones are not (they name
 * nobody, and would let anyone fill the log).
 */
export async function authenticateToken(context: DomainContext, authorization: string | null | undefined): Promise<TokenActor> {
  const plaintext = bearerToken(authorization);
  if (!plaintext) throw unauthenticated('Missing API token: send "Authorization: Bearer <token>".');
  if (!looksLikeToken(plaintext)) throw unauthenticated('That is not a Clonedeck API token (they look like cdk_xxxxxxxx_…).');
  const row = await context.prisma.apiToken.findUnique({ where: { tokenHash: hashToken(plaintext) } });
  if (!row) throw unauthenticated('Unknown API token: it may have been mistyped or deleted.');
  // The creator's standing today bounds what the token may do (access.ts tokenDenial).
  const creator = await loadTokenCreator(context, row.createdById, row.teamId);
  const actor: TokenActor = {
    kind: 'token',
    tokenId: row.id,
    teamId: row.teamId,
    permissions: tokenPermissions(row),
    label: tokenLabel(row),
    createdById: row.createdById,
    creator,
  };
  const now = context.now();
  const refusal = row.revokedAt
    ? `This API token was revoked on ${row.revokedAt.toISOString()}.`
    : row.expiresAt && row.expiresAt <= now
      ? `This API token expired on ${row.expiresAt.toISOString()}; ask a team lead for a new one.`
      : null;
  if (refusal) {
    const error = unauthenticated(refusal);
    await recordAudit(context, actor, 'token.authenticate', { type: 'token', name: row.name, teamId: row.teamId }, { ok: false, error });
    throw error;
  }
  await noteTokenRestriction(context, row, creator, tokenRights(actor.permissions, creator, row.teamId));
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await context.prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return actor;
}
