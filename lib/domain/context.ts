import type { Engine } from '@/lib/engines/types';
import type { PrismaClient } from '@/lib/generated/prisma/client';

/** Finds the engine an environment lives on. */
export interface EngineLookup {
  /** Throws NOT_FOUND for an engine id that is not configured. */
  get(engineId: string): Promise<Engine>;
  /** The engine production and new environments live on. */
  readonly defaultId: string;
  ids(): string[];
}

/**
 * What domain services need from the outside world, passed in so tests can run them on a
 * throwaway metadata store and engine: the app builds one from its singletons.
 */
export interface DomainContext {
  prisma: PrismaClient;
  engines: EngineLookup;
  now(): Date;
  jobs: BackgroundJobs;
  /** The server's secret (NEXTAUTH_SECRET or the home's secret file): the key for secrets stored sealed. */
  serverSecret(): string;
}

/**
 * Work that outlives the request that started it (a clone that takes a while on a server
 * engine). Tracked so tests and shutdown can wait for it, and failures are logged.
 */
export class BackgroundJobs {
  private readonly running = new Set<Promise<void>>();

  run(name: string, work: () => Promise<void>): Promise<void> {
    const job = work().catch((error: unknown) => console.error(`[clonedeck] background job ${name} failed:`, error));
    this.running.add(job);
    void job.finally(() => this.running.delete(job));
    return job;
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
