import { csvLine } from '@/lib/format/csv';
import type { AuditEventView } from './audit-log';

export const AUDIT_CSV_HEADER = ['time_utc', 'actor_type', 'actor', 'action', 'target_type', 'target', 'team', 'outcome', 'error'] as const;

export function auditCsvRow(event: AuditEventView): string {
  return csvLine([
    event.createdAt,
    event.actorType,
    event.actorLabel,
    event.action,
    event.targetType,
    event.targetName,
    event.team ? (event.team.name ?? event.team.id) : '',
    event.outcome,
    event.error,
  ]);
}

/** The whole CSV document, line by line, from batches of events. */
export async function* auditCsvLines(batches: AsyncIterable<AuditEventView[]>): AsyncGenerator<string> {
  yield csvLine(AUDIT_CSV_HEADER);
  for await (const batch of batches) yield batch.map(auditCsvRow).join('');
}
