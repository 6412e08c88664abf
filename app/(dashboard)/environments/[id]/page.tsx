import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EnvironmentDetailView } from '@/components/environments/environment-detail';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { type EnvironmentPageData, getEnvironmentPageData } from '@/lib/domain/environments/detail';
import { isAppError } from '@/lib/errors';
import { getDomainContext } from '@/lib/runtime/context';

export const metadata: Metadata = { title: 'Environment · Clonedeck' };

interface EnvironmentPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

async function loadOrNotFound(id: string): Promise<EnvironmentPageData> {
  const user = await requireUser();
  try {
    return await getEnvironmentPageData(getDomainContext(), userActor(user), id);
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}

export default async function EnvironmentPage({ params, searchParams }: EnvironmentPageProps) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const data = await loadOrNotFound(id);
  const restore = typeof query.restore === 'string' ? query.restore : null;

  return (
    <div className="space-y-4">
      <Link href="/environments" className="text-sm text-indigo-700 hover:underline">
        ← Environments
      </Link>
      <EnvironmentDetailView data={data} restoreSnapshotId={restore} renderedAt={new Date().toISOString()} />
    </div>
  );
}
