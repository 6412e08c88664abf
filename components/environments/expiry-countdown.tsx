'use client';

import { useEffect, useState } from 'react';
import { cn } from '@/lib/class-names';
import { type ExpiryState, expiryState, formatExpiry, formatTimestamp } from '@/lib/format/time';

const TICK_MS = 30_000;
/** The header turns amber within the last day. */
const WARNING_HOURS = 24;
const URGENT: readonly ExpiryState[] = ['soon', 'expired'];

/**
 * "Expires in 6 d 23 h", kept current. Starts from the server's clock (`renderedAt`) so the
 * first render matches the server's HTML, then follows the browser's.
 */
export function ExpiryCountdown({ expiresAt, renderedAt }: { expiresAt: string | null; renderedAt: string }) {
  const [now, setNow] = useState(() => new Date(renderedAt));
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return (
    <span
      className={cn(URGENT.includes(expiryState(expiresAt, now, WARNING_HOURS)) && 'font-medium text-amber-700')}
      title={expiresAt ? formatTimestamp(expiresAt) : undefined}
    >
      {formatExpiry(expiresAt, now)}
    </span>
  );
}
