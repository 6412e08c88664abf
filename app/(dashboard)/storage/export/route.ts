import { errorResponse } from '@/lib/api/errors';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { getStorageReport } from '@/lib/domain/storage';
import { storageReportCsv } from '@/lib/domain/storage-csv';
import { getDomainContext } from '@/lib/runtime/context';

/** The storage page's current breakdown as CSV, with the same scope as the page (see getStorageReport). */
export async function GET(): Promise<Response> {
  try {
    const user = await requireUser();
    const report = await getStorageReport(getDomainContext(), userActor(user));
    const stamp = report.generatedAt.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    return new Response(storageReportCsv(report), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="clonedeck-storage-${stamp}.csv"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    return errorResponse(error, { 'Cache-Control': 'no-store' });
  }
}
