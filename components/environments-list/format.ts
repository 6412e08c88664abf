const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** "in 3 days", "2 hours ago": the largest whole unit, rounded down. */
export function relativeTime(target: Date, now: Date): string {
  const difference = target.getTime() - now.getTime();
  const distance = Math.abs(difference);
  const amount =
    distance >= DAY
      ? plural(Math.floor(distance / DAY), 'day')
      : distance >= HOUR
        ? plural(Math.floor(distance / HOUR), 'hour')
        : distance >= MINUTE
          ? plural(Math.floor(distance / MINUTE), 'minute')
          : null;
  if (amount === null) return 'now';
  return difference > 0 ? `in ${amount}` : `${amount} ago`;
}

/** UTC, minutes precision, as the API and the CLI print times. */
export function utcMinutes(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

export function expiryText(expiresAt: string | null, now: Date): string {
  if (expiresAt === null) return 'never';
  const at = new Date(expiresAt);
  return at <= now ? `expired ${relativeTime(at, now)}` : relativeTime(at, now);
}
