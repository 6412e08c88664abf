import { NextResponse } from 'next/server';
import { GENERIC_FAILURE_MESSAGE } from '@/lib/actions/result';
import { getCurrentUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { auditEventBatches, auditScopeOrThrow } from '@/lib/domain/audit-log';
import { auditCsvLines } from '@/lib/domain/audit-log-csv';
import { type ErrorCode, isAppError } from '@/lib/errors';
import { getDomainContext } from '@/lib/runtime/context';
import { auditFilterInput, auditFilterSchema } from '@/lib/validations/audit';
import { parseOrThrow } from '@/lib/validations/parse';

const STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, VALIDATION: 400 };

/** GET /audit/export?…: the audit log as CSV, with the page's filters and authorization. */
export async function GET(request: Request): Promise<Response> {
  try {
    const user = await getCurrentUser();
    if (!user) return NextResponse.json({ code: 'UNAUTHENTICATED', message: 'Sign in to continue.' }, { status: 401 });
    const context = getDomainContext();
    const actor = userActor(user);
    // Checked before the response starts, so a refusal is a status code, not a broken download.
    await auditScopeOrThrow(context, actor);
    const filter = parseOrThrow(auditFilterSchema, auditFilterInput(new URL(request.url).searchParams));
    const encoder = new TextEncoder();
    const lines = auditCsvLines(auditEventBatches(context, actor, filter));
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await lines.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await lines.return(undefined);
      },
    });
    const day = new Date().toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="clonedeck-audit-${day}.csv"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    const status = isAppError(error) ? STATUS[error.code] : undefined;
    if (isAppError(error) && status) {
      return NextResponse.json({ code: error.code, message: error.message, fieldErrors: error.fieldErrors }, { status });
    }
    console.error('[clonedeck] GET /audit/export failed:', error);
    return NextResponse.json({ code: 'INTERNAL', message: GENERIC_FAILURE_MESSAGE }, { status: 500 });
  }
}
