/** The filter fields the audit page keeps in its URL. */
export const AUDIT_QUERY_FIELDS = ['team', 'actor', 'actorType', 'action', 'from', 'to'] as const;

/** A query string with the current filters (empty ones left out) and `overrides` applied. */
export function auditQueryString(values: Record<string, string>, overrides: Record<string, string | null> = {}): string {
  const params = new URLSearchParams();
  for (const field of AUDIT_QUERY_FIELDS) if (values[field]) params.set(field, values[field]);
  for (const [key, value] of Object.entries(overrides)) {
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
