import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { WebhookTarget } from './webhook-target';

export type PostOutcome = { ok: true; httpStatus: number } | { ok: false; httpStatus?: number; error: string };

/**
 * POSTs to the checked address of a webhook target. The socket goes to `target.connectTo`
 * (a lookup that answers with it, so TLS still verifies the certificate against the host
 * name); redirects are not followed; the answer's body is not read. The messages are what
 * team leads see in the audit log: an outcome, not a socket error (those, which could map
 * a network, are logged on the server only).
 */
export function postToTarget(
  target: WebhookTarget,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PostOutcome> {
  const pinned: LookupFunction = (_hostname, options, callback) => {
    const { address, family } = target.connectTo;
    if (options.all)
      (callback as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      }
    };
    const request = client.request(
      target.url,
      { method: 'POST', headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }, lookup: pinned },
      (response) => {
        const status = response.statusCode ?? 0;
        response.resume();
        response.destroy();
        if (status >= 200 && status < 300) finish({ ok: true, httpStatus: status });
        else if (status >= 300 && status < 400)
          finish({
            ok: false,
            httpStatus: status,
            error: `The receiver answered with a redirect (HTTP ${status}); redirects are not followed.`,
          });
        else finish({ ok: false, httpStatus: status, error: `The receiver answered HTTP ${status}.` });
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, error: `The receiver did not answer within ${timeoutMs / 1000} s.` });
      request.destroy();
    }, timeoutMs);
    request.on('error', (error) => {
      if (!settled) console.warn(`[clonedeck] webhook to ${target.host} (${target.connectTo.address}) failed: ${error.message}`);
      finish({ ok: false, error: 'Could not deliver to the receiver (no connection or an interrupted one).' });
    });
    request.end(body);
  });
}
