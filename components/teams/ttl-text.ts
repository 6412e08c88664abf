/** 168 → "168 hours (7 days)"; whole days are easier to read than hours. */
export function ttlText(hours: number): string {
  const unit = hours === 1 ? 'hour' : 'hours';
  if (hours < 24 || hours % 24 !== 0) return `${hours} ${unit}`;
  const days = hours / 24;
  return `${hours} ${unit} (${days} ${days === 1 ? 'day' : 'days'})`;
}
