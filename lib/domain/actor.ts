/** What an API token may do in its team (leads and administrators give these). */
export const TOKEN_PERMISSIONS = ['read', 'provision', 'reset', 'drop', 'snapshot'] as const;

/**
 * Given by administrators only: adds production to what `read` (then read-write), `snapshot`
 * and `reset` (which covers restore, with production's name typed) reach.
 */
export const PRODUCTION_PERMISSION = 'production';

/** Every permission a token can hold, in the order forms and answers list them. */
export const ALL_TOKEN_PERMISSIONS = [...TOKEN_PERMISSIONS, PRODUCTION_PERMISSION] as const;
export type TokenPermission = (typeof ALL_TOKEN_PERMISSIONS)[number];

/**
 * The person who made a token, as they stand in the token's team now: a token never does
 * more than its creator may (see tokenDenial in access.ts).
 */
export interface TokenCreator {
  email: string;
  isAdmin: boolean;
  /** Their role in the token's team today; null once they left it. */
  role: 'lead' | 'member' | null;
}

/** Who is acting: a signed-in user, an API token (scoped to one team), or the server itself. */
export type Actor =
  | { kind: 'user'; userId: string; label: string }
  | {
      kind: 'token';
      tokenId: string;
      teamId: string;
      permissions: readonly TokenPermission[];
      label: string;
      createdById: string;
      creator: TokenCreator;
    }
  | { kind: 'system'; label: 'system' };

export const SYSTEM_ACTOR: Actor = { kind: 'system', label: 'system' };

export function userActor(user: { id: string; email: string }): Actor {
  return { kind: 'user', userId: user.id, label: user.email };
}

/** The user recorded as creator of what an actor makes (a token acts for the user who made it). */
export function creatorId(actor: Actor): string | null {
  if (actor.kind === 'user') return actor.userId;
  if (actor.kind === 'token') return actor.createdById;
  return null;
}
