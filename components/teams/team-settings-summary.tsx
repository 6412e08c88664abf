import type { TeamSettingsView } from '@/lib/domain/teams';
import { formatBytes } from '@/lib/format/bytes';
import { formatHours } from '@/lib/format/time';

/** The settings as members see them: read-only, the webhook only as configured or not. */
export function TeamSettingsSummary({ settings }: { settings: TeamSettingsView }) {
  const rows: Array<[string, string]> = [
    ['Default expiry', formatHours(settings.defaultTtlHours)],
    ['Maximum environments', String(settings.maxEnvironments)],
    ['Maximum own delta', settings.maxOwnBytes === null ? 'no limit' : formatBytes(settings.maxOwnBytes)],
    ['Expiry warning webhook', settings.webhookConfigured ? 'configured' : 'not configured'],
  ];
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-medium text-slate-900">{term}</dt>
          <dd className="text-slate-700">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
