import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PrismaClient } from '@/lib/generated/prisma/client';

export interface ReceivedWebhook {
  path: string;
  method: string;
  headers: http.IncomingHttpHeaders;
  /** The raw body, exactly as received (what the signature covers). */
  body: string;
}

export interface WebhookReceiver {
  /** http://127.0.0.1:<port> */
  url: string;
  received: ReceivedWebhook[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 (a free port) that records every request. `answer` picks
 * the status (and headers, e.g. a redirect's Location) for each request, given the requests
 * to the same path so far; null leaves the request hanging (for time-outs). Webhooks reach it
 * only with 127.0.0.1 allow-listed (see allowLocalWebhooks).
 */
export async function startWebhookReceiver(
  answer: (request: ReceivedWebhook, samePathBefore: number) => number | { status: number; headers: Record<string, string> } | null,
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const entry: ReceivedWebhook = {
        path,
        method: request.method ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const before = received.filter((earlier) => earlier.path === path).length;
      received.push(entry);
      const answered = answer(entry, before);
      if (answered === null) return;
      const { status, headers } = typeof answered === 'number' ? { status: answered, headers: {} } : answered;
      response.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(status < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Test receivers listen on 127.0.0.1, where webhooks go only once an administrator allows the host. */
export async function allowLocalWebhooks(prisma: PrismaClient, hosts: string[] = ['127.0.0.1']): Promise<void> {
  await prisma.appSetting.upsert({
    where: { key: 'webhookAllowedHosts' },
    create: { key: 'webhookAllowedHosts', value: hosts },
    update: { value: hosts },
  });
}
