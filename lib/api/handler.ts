import type { DomainContext } from '@/lib/domain/context';
import { isAppError } from '@/lib/errors';
import { authorize, type Need } from '@/lib/domain/access';
import { authenticateToken, type TokenActor } from '@/lib/domain/tokens-auth';
import { JSON_COMMAND_LIMIT_BYTES, readBodyBytes } from '@/lib/http/body';
import { errorResponse } from './errors';
import { defaultRateLimiter, type RateLimiter } from './rate-limit';

/** What an API handler runs with: the domain context, and the limiter (tests bring their own). */
export interface ApiContext extends DomainContext {
  rateLimiter?: RateLimiter;
}

/**
 * The frame of every authenticated API request: a body over the limit is refused before
 * anything else, also on routes that take none (a reset must not run while 200 MB stream
 * in); then the bearer token, the token's rate limit, and `work`. Whatever is thrown becomes
 * a JSON `{ code, message }` response.
 */
export async function withToken(context: ApiContext, request: Request, work: (actor: TokenActor) => Promise<Response>): Promise<Response> {
  try {
    await assertBodyWithinLimit(request);
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

/**
 * Reads a copy of the body up to the limit (the copy and the original share at most that
 * much buffered), so the route can still read the original itself.
 */
async function assertBodyWithinLimit(request: Request): Promise<void> {
  if (request.method === 'GET' || request.method === 'HEAD') {
    if (request.headers.get('content-length') !== null || request.body) await readBodyBytes(request, JSON_COMMAND_LIMIT_BYTES);
    return;
  }
  if (request.body) await readBodyBytes(request.clone(), JSON_COMMAND_LIMIT_BYTES);
  else await readBodyBytes(request, JSON_COMMAND_LIMIT_BYTES);
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
