import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiContext } from '../handler';
import { API_HANDLERS } from './call-api';

/**
 * A plain node:http server in front of the API handlers, for tests that need a real socket
 * (the CLI) without building the Next.js app. Routing mirrors app/api/v1.
 */
export async function startApiServer(context: ApiContext, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const routes = Object.entries(API_HANDLERS).map(([key, handler]) => {
    const [method, template] = key.split(' ') as [string, string];
    return { method, pattern: new RegExp(`^${template.replace('{name}', '([^/]+)')}$`), handler };
  });
  const respond = async (incoming: http.IncomingMessage, outgoing: http.ServerResponse) => {
    const url = new URL(incoming.url ?? '/', `http://${incoming.headers.host}`);
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const route = routes.find((candidate) => candidate.method === incoming.method && candidate.pattern.test(url.pathname));
    let response: Response;
    if (!route) {
      response = new Response('not found', { status: 404 });
    } else {
      const name = decodeURIComponent(route.pattern.exec(url.pathname)?.[1] ?? '');
      const headers = new Headers();
      for (const [key, value] of Object.entries(incoming.headers)) if (typeof value === 'string') headers.set(key, value);
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      response = await route.handler(context, new Request(url, { method: incoming.method, headers, body }), { name });
    }
    outgoing.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  };
  // A handler that throws is a test failure to see, not a hung request.
  const server = http.createServer((incoming, outgoing) => {
    respond(incoming, outgoing).catch((error: unknown) => {
      if (!outgoing.headersSent) outgoing.writeHead(500);
      outgoing.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
