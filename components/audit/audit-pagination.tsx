import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { auditQueryString } from './audit-query';

export interface AuditPaginationProps {
  values: Record<string, string>;
  page: number;
  pageCount: number;
  total: number;
}

export function AuditPagination({ values, page, pageCount, total }: AuditPaginationProps) {
  const link = (target: number) => `/audit${auditQueryString(values, { page: target === 1 ? null : String(target) })}`;
  return (
    <nav aria-label="Audit log pages" className="flex items-center justify-between gap-4 text-sm text-slate-600">
      <p>
        {total} {total === 1 ? 'event' : 'events'} · page {page} of {pageCount}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={link(page - 1)} rel="prev" className={buttonClasses('secondary', 'sm')}>
            Newer
          </Link>
        ) : null}
        {page < pageCount ? (
          <Link href={link(page + 1)} rel="next" className={buttonClasses('secondary', 'sm')}>
            Older
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
