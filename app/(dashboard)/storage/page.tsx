import type { Metadata } from 'next';
import { EngineStorageSection } from '@/components/storage/engine-storage-section';
import { StorageDefinitions } from '@/components/storage/storage-definitions';
import { buttonClasses } from '@/components/ui/button';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { getStorageReport } from '@/lib/domain/storage';
import { getDomainContext } from '@/lib/runtime/context';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Storage · Clonedeck' };

export default async function StoragePage() {
  const user = await requireUser();
  const report = await getStorageReport(getDomainContext(), userActor(user));
  return (
    <div className="space-y-8">
      <PageHeader
        title="Storage"
        description={
          report.scope === 'all'
            ? 'What the environments really cost: the bytes the engine stores against what full copies would need, measured by the engine, not estimated.'
            : 'The storage of your teams’ environments, as the engine measures it. Engine-wide totals are shown to administrators.'
        }
        actions={
          <a href="/storage/export" download className={buttonClasses('secondary')}>
            Export CSV
          </a>
        }
      />
      <StorageDefinitions idleAfterDays={report.idleAfterDays} />
      {report.engines.map((engine) => (
        <EngineStorageSection key={engine.engineId} engine={engine} idleAfterDays={report.idleAfterDays} />
      ))}
    </div>
  );
}
