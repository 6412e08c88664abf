/**
 * The specs create, change and drop databases, and write to production: they run only
 * against a server on this machine with a local metadata database.
 */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function assertLocalTarget(baseURL: string | undefined): void {
  if (!baseURL) throw new Error('No baseURL: set it in playwright.config.ts.');
  const server = new URL(baseURL).hostname;
  if (!LOCAL_HOSTS.has(server)) throw new Error(`Refusing to run the browser specs against ${baseURL}: not a local server.`);
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl && !LOCAL_HOSTS.has(new URL(databaseUrl).hostname)) {
    throw new Error(`Refusing to run the browser specs with a non-local metadata database (${new URL(databaseUrl).hostname}).`);
  }
}
