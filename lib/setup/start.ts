import { openMetadataStore } from '@/lib/db/prisma';
import { startEngineRuntime } from './engine-runtime';
import { runFirstStart } from './first-start';
import { secureClonedeckHome } from './private-home';

const globals = globalThis as typeof globalThis & { __clonedeckStart?: Promise<void> };

/**
 * Everything the server does once per process before it serves requests (called from
 * instrumentation.ts): make the home owner-only, migrate the metadata store, run first start, start the engine runtime.
 * Kept on globalThis because Next.js may load this module more than once.
 */
export function startClonedeck(): Promise<void> {
  globals.__clonedeckStart ??= (async () => {
    secureClonedeckHome();
    const prisma = await openMetadataStore();
    await runFirstStart(prisma);
    await startEngineRuntime(prisma);
  })().catch((error: unknown) => {
    globals.__clonedeckStart = undefined;
    throw error;
  });
  return globals.__clonedeckStart;
}
