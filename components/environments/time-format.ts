const pad = (value: number) => String(value).padStart(2, '0');

/**
 * "2026-11-21 09:30 UTC": the same text on the server and in every browser (no hydration
 * mismatch), and the clock environment names are stamped with.
 */
export function formatTimestamp(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())} UTC`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** 90 061 000 ms → "1 d 1 h"; 3 900 000 → "1 h 5 min"; under a minute → "less than a minute". */
export function formatSpan(milliseconds: number): string {
  const span = Math.abs(milliseconds);
  if (span < MINUTE) return 'less than a minute';
  const days = Math.floor(span / DAY);
  const hours = Math.floor((span % DAY) / HOUR);
  const minutes = Math.floor((span % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return `${minutes} min`;
}

/** "Expires in 6 d 23 h", "Expired 2 h ago", or "Never expires". */
export function formatCountdown(expiresAt: string | null, now: Date): string {
  if (expiresAt === null) return 'Never expires';
  const remaining = new Date(expiresAt).getTime() - now.getTime();
  return remaining > 0 ? `Expires in ${formatSpan(remaining)}` : `Expired ${formatSpan(remaining)} ago`;
}

/** True within `hours` of the expiry (the header turns amber). */
export function expiresSoon(expiresAt: string | null, now: Date, hours = 24): boolean {
  return expiresAt !== null && new Date(expiresAt).getTime() - now.getTime() < hours * HOUR;
}
