/**
 * Request bodies read with a ceiling. `request.json()` would buffer whatever arrives (a
 * 200 MB body doubled in memory while parsed); here the stream is read chunk by chunk and
 * abandoned as soon as it passes the limit. Content-Length is only a shortcut for refusing
 * early: a chunked body has none, and a client may understate it.
 */

/** JSON commands of the REST API: a few fields each. */
export const JSON_COMMAND_LIMIT_BYTES = 8 * 1024;
/** Sign-in forms and next-auth's other POSTs (email, password, csrf token, callback URL). */
export const AUTH_FORM_LIMIT_BYTES = 16 * 1024;

/** The body is larger than the route accepts; answered 413. */
export class PayloadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The request body is too large: at most ${formatLimit(limitBytes)} is accepted here.`);
    this.name = 'PayloadTooLargeError';
  }
}

function formatLimit(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

/** Throws when the declared Content-Length is over the limit (or not a number), without reading anything. */
export function assertDeclaredLengthWithin(headers: Headers, limitBytes: number): void {
  const declared = headers.get('content-length');
  if (declared === null) return;
  const length = Number(declared);
  if (!Number.isSafeInteger(length) || length < 0 || length > limitBytes) throw new PayloadTooLargeError(limitBytes);
}

/** The body's bytes, refusing (and cancelling the stream) past `limitBytes`. */
export async function readBodyBytes(request: Request, limitBytes: number): Promise<Uint8Array> {
  assertDeclaredLengthWithin(request.headers, limitBytes);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      // Not awaited: cancelling one branch of a tee (request.clone()) settles only once the other is cancelled too.
      void reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(limitBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The body as UTF-8 text, within the limit; invalid UTF-8 is refused like malformed input by the caller. */
export async function readBodyText(request: Request, limitBytes: number): Promise<string> {
  return new TextDecoder('utf-8', { fatal: false }).decode(await readBodyBytes(request, limitBytes));
}
