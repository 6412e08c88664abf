import { openMetadataStore } from '@/lib/db/prisma';
import { startEngineRuntime } from './engine-runtime';
import { runFirstStart } from './first-start';
import { secureClonedeckHome } from './private-home';
import { sealPlainWebhookSecrets } from '@/lib/domain/webhook-secrets';
import { getDomainContext } from '@/lib/runtime/context';

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
    await sealStoredSecrets();
    await startEngineRuntime(prisma);
  })().catch((error: unknown) => {
    globals.__clonedeckStart = undefined;
    throw error;
  });
  return globals.__clonedeckStart;
}

/** Webhook secrets earlier versions kept in clear are sealed once, at the first start of this version. */
async function sealStoredSecrets(): Promise<void> {
  const sealed = await sealPlainWebhookSecrets(getDomainContext());
  if (sealed > 0)
    console.info(`[clonedeck] sealed ${sealed} webhook secret${sealed === 1 ? '' : 's'} stored in clear by an earlier version.`);
}
