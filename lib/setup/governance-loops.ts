import crypto from 'node:crypto';
import os from 'node:os';
import { sendExpiryWarnings } from '@/lib/domain/expiry-warnings';
import { reapExpired, type ReapReport } from '@/lib/domain/reaper';
import { deliverPendingWebhooks } from '@/lib/domain/webhooks';
import { configFrom, type EnvVars } from '@/lib/config';
import { getDomainContext } from '@/lib/runtime/context';
import { startLoop } from '@/lib/runtime/loops';

const WARNINGS_INTERVAL_MS = 30_000;

/** Names this process in leases and markers: unique per process, readable in the Lease table. */
export function processHolderId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
}

export function reaperIntervalMs(env: EnvVars): number {
  return configFrom(env).CLONEDECK_REAPER_INTERVAL_SECONDS * 1000;
}

/**
 * The expiry reaper, and the expiry warnings with their webhook deliveries. Every replica
 * runs them; the lease and the atomic claims inside keep the work from being done twice.
 */
export function startGovernanceLoops(env: EnvVars = process.env): void {
  const holder = processHolderId();
  const config = configFrom(env);
  const dashboardUrl = config.CLONEDECK_PUBLIC_URL ?? config.NEXTAUTH_URL;
  startLoop('reaper', reaperIntervalMs(env), async () => logReap(await reapExpired(getDomainContext(), { holder })));
  startLoop('expiry-warnings', WARNINGS_INTERVAL_MS, async () => {
    const context = getDomainContext();
    await sendExpiryWarnings(context, { holder, dashboardUrl });
    const deliveries = await deliverPendingWebhooks(context);
    for (const id of deliveries.failed) console.warn(`[clonedeck] webhook delivery ${id} failed for good; see the audit log.`);
  });
}

function logReap(report: ReapReport): void {
  if (report.dropped.length) console.info(`[clonedeck] reaper dropped expired environments: ${report.dropped.join(', ')}`);
  for (const failure of report.failed) console.warn(`[clonedeck] reaper could not drop ${failure.name}: ${failure.error}`);
}
