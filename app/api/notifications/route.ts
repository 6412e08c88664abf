import { NextResponse } from 'next/server';
import { GENERIC_FAILURE_MESSAGE } from '@/lib/actions/result';
import { getCurrentUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { getNotificationSummary } from '@/lib/domain/notifications';
import { getDomainContext } from '@/lib/runtime/context';

/** GET /api/notifications: what the bell polls (unread count and the newest few). */
export async function GET(): Promise<NextResponse> {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ code: 'UNAUTHENTICATED', message: 'Sign in to continue.' }, { status: 401 });
  try {
    const summary = await getNotificationSummary(getDomainContext(), userActor(user));
    return NextResponse.json(summary, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    console.error('[clonedeck] GET /api/notifications failed:', error);
    return NextResponse.json({ code: 'INTERNAL', message: GENERIC_FAILURE_MESSAGE }, { status: 500 });
  }
}
