import type { DomainContext } from '@/lib/domain/context';
import { isAppError } from '@/lib/errors';
import { authorize, type Need } from '@/lib/domain/access';
import { authenticateToken, type TokenActor } from '@/lib/domain/tokens-auth';
import { errorResponse } from './errors';
import { defaultRateLimiter, type RateLimiter } from './rate-limit';

/** What an API handler runs with: the domain context, and the limiter (tests bring their own). */
export interface ApiContext extends DomainContext {
  rateLimiter?: RateLimiter;
}

/**
 * The frame of every authenticated API request: the bearer token, then the token's rate
 * limit, then `work`; whatever is thrown becomes a JSON `{ code, message }` response.
 */
export async function withToken(context: ApiContext, request: Request, work: (actor: TokenActor) => Promise<Response>): Promise<Response> {
  try {
    const actor = await authenticateToken(context, request.headers.get('authorization'));
    const decision = (context.rateLimiter ?? defaultRateLimiter()).take(actor.tokenId);
    if (!decision.allowed) {
      return Response.json(
        { code: 'RATE_LIMITED', message: `Too many requests with this token; retry in ${decision.retryAfterSeconds} s.` },
        { status: 429, headers: { 'Retry-After': String(decision.retryAfterSeconds) } },
      );
    }
    return await work(actor);
  } catch (error) {
    return errorResponse(error, isAppError(error) && error.code === 'UNAUTHENTICATED' ? UNAUTHENTICATED_HEADERS : undefined);
  }
}

const UNAUTHENTICATED_HEADERS = { 'WWW-Authenticate': 'Bearer realm="clonedeck"' };

/**
 * Reads need the token's "read" permission, whatever they read: the domain lets every
 * token see production, but a token made only to drop should not browse.
 */
export async function requireTokenPermission(context: DomainContext, actor: TokenActor, need: Need): Promise<void> {
  await authorize(context, actor, actor.teamId, need);
}

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers });
}
