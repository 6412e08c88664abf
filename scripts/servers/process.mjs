// Small helpers for the servers the test command starts.
import net from 'node:net';

/** A TCP port on loopback that nothing listens on right now (never a standard one). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `ready()` until it holds; rejects when `failed()` holds or after `timeoutMs`. */
export async function waitFor(ready, failed, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (failed()) throw new Error('the server exited while starting');
    if (Date.now() > deadline) throw new Error(`not ready after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
