import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/session';
import { getPrisma } from '@/lib/db/prisma';

export const metadata: Metadata = { title: 'Your account · Clonedeck' };

export default async function AccountPage() {
  const user = await requireUser();
  const row = await getPrisma().user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  return (
    <div className="space-y-6">
      <PageHeader
        title="Your account"
        description={
          <>
            {user.name} · {user.email}
          </>
        }
      />
      <Card>
        <CardHeader>
          <CardTitle>Password</CardTitle>
          <CardDescription>Changing it signs you out everywhere, this browser included.</CardDescription>
        </CardHeader>
        <CardContent>
          {row?.passwordHash ? (
            <ChangePasswordForm />
          ) : (
            <Alert tone="info">You sign in through single sign-on; your password is managed there.</Alert>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
