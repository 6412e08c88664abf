/**
 * Runs once when a Next.js server starts. Only the Node.js runtime hosts the metadata store
 * and the engines; `next build` must not touch them (no database, no demo users at build).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  // Every variable parsed and checked before anything starts: a bad value stops the server, naming it.
  const { configFrom } = await import('./lib/config');
  configFrom();
  // Before anything is written: every file this server creates is owner-only.
  const { restrictProcessUmask } = await import('./lib/home');
  restrictProcessUmask();
  // Each request gets its socket's peer address in a header the client cannot forge (sign-in throttling).
  const { stampPeerAddresses } = await import('./lib/auth/client-address');
  stampPeerAddresses();
  const { startClonedeck } = await import('./lib/setup/start');
  await startClonedeck();
}
