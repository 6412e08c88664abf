import type { Metadata } from 'next';
import { SettingsForm } from '@/components/settings/settings-form';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { getSettingsForAdmin } from '@/lib/domain/admin-settings';
import { isAppError } from '@/lib/errors';
import { getDomainContext } from '@/lib/runtime/context';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Settings · Clonedeck' };

export default async function SettingsPage() {
  const user = await requireUser();
  let settings: Awaited<ReturnType<typeof getSettingsForAdmin>>;
  try {
    settings = await getSettingsForAdmin(getDomainContext(), userActor(user));
  } catch (error) {
    if (!isAppError(error) || error.code !== 'FORBIDDEN') throw error;
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Settings</h1>
        <Alert tone="info">{error.message}</Alert>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <PageHeader
        title="Settings"
        description={
          <>Organisation-wide limits on expiry and protection, and where team webhooks may go. Every change is recorded in the audit log.</>
        }
      />
      <Card>
        <CardHeader>
          <CardTitle>Expiry, protection and webhooks</CardTitle>
          <CardDescription>Environments are dropped by the expiry reaper when they expire, unless protected.</CardDescription>
        </CardHeader>
        <CardContent>
          <SettingsForm settings={settings} />
        </CardContent>
      </Card>
    </div>
  );
}
