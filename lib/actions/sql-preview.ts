'use server';

import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { describeIntent, type SqlPreview } from '@/lib/domain/sql-preview';
import { getDomainContext } from '@/lib/runtime/context';
import { type ActionResult, runAction } from './result';

/** The engine SQL a button would run, for "Show SQL" (reads only; changes nothing). */
export async function previewSqlAction(intent: unknown): Promise<ActionResult<SqlPreview>> {
  return runAction(async () => {
    const user = await requireUser();
    return describeIntent(getDomainContext(), userActor(user), intent);
  }, 'previewSql');
}
