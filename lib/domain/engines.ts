import { type CapabilitySummary, type EngineHealth, summarizeCapabilities } from '@/lib/engines/types';
import type { DomainContext } from './context';

export interface EngineStatus {
  id: string;
  isDefault: boolean;
  /** Null while the engine cannot be opened (its health says why). */
  capabilities: CapabilitySummary | null;
  health: EngineHealth & { checkedAt: string | null };
}

/** Every configured engine with what it can do and its last health check (from the metadata store). */
export async function listEngineStatus(context: DomainContext): Promise<EngineStatus[]> {
  const rows = await context.prisma.engine.findMany();
  return Promise.all(
    context.engines.ids().map(async (id) => {
      const row = rows.find((candidate) => candidate.id === id);
      const capabilities = await context.engines
        .get(id)
        .then(summarizeCapabilities)
        .catch(() => null);
      const stored = (row?.lastHealth ?? null) as EngineHealth | null;
      return {
        id,
        isDefault: id === context.engines.defaultId,
        capabilities,
        health: { ok: stored?.ok ?? false, ...stored, checkedAt: row?.lastHealthAt?.toISOString() ?? null },
      };
    }),
  );
}

/** What one engine can do, for hiding what it cannot (null if it cannot be opened). */
export async function engineCapabilities(context: DomainContext, engineId: string): Promise<CapabilitySummary | null> {
  return context.engines
    .get(engineId)
    .then(summarizeCapabilities)
    .catch(() => null);
}
