import { NextRequest } from 'next/server';
import { AUTH_FORM_LIMIT_BYTES, PayloadTooLargeError, readBodyBytes } from '@/lib/http/body';
import { badUrlResponse, urlHasControlCharacters } from '@/lib/http/hostile-url';

/**
 * next-auth reads a POST body whole (`req.text()` / `req.json()`), so the body is read here
 * first, with a ceiling, and handed on as a copy. Answers 413 past the limit and 400 for a
 * body that is not UTF-8 or carries NUL (no sign-in field can), before next-auth sees it.
 */
export async function boundedAuthRequest(request: NextRequest, limitBytes = AUTH_FORM_LIMIT_BYTES): Promise<NextRequest | Response> {
  // A NUL in callbackUrl (or anywhere in the query) is refused before next-auth stores it in a cookie.
  if (urlHasControlCharacters(request.nextUrl)) return badUrlResponse();
  if (request.method !== 'POST') return request;
  let bytes: Uint8Array;
  try {
    bytes = await readBodyBytes(request, limitBytes);
  } catch (error) {
    if (error instanceof PayloadTooLargeError) return Response.json({ code: 'PAYLOAD_TOO_LARGE', message: error.message }, { status: 413 });
    throw error;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return badRequest();
  }
  if (text.includes('\u0000') || /%00/.test(text)) return badRequest();
  return new NextRequest(request.url, { method: request.method, headers: request.headers, body: text });
}

function badRequest(): Response {
  return Response.json({ code: 'BAD_REQUEST', message: 'The request body holds characters no sign-in field can have.' }, { status: 400 });
}
