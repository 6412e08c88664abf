import { BackgroundJobs, type DomainContext } from '@/lib/domain/context';
import { getAuthSecret } from '@/lib/auth/secret';
import { getPrisma } from '@/lib/db/prisma';
import { getEngines } from './engines';

const globals = globalThis as typeof globalThis & { __clonedeckJobs?: BackgroundJobs };

/** The domain context of the running server: its metadata store, engines and background jobs. */
export function getDomainContext(): DomainContext {
  globals.__clonedeckJobs ??= new BackgroundJobs();
  return {
    prisma: getPrisma(),
    engines: getEngines(),
    now: () => new Date(),
    jobs: globals.__clonedeckJobs,
    serverSecret: () => getAuthSecret(),
  };
}
