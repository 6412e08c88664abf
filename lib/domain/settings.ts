import { type Settings, settingsSchema } from '@/lib/validations/settings';
import type { DomainContext } from './context';

// The schema lives with the validations so the settings form can share it.
export { settingsSchema, type Settings };

export const DEFAULT_SETTINGS: Settings = {
  maxTtlHours: 24 * 30,
  maxLeadProtectHours: 24 * 14,
  expiryWarningHours: 24,
  webhookAllowedHosts: [],
};

export async function getSettings(context: DomainContext): Promise<Settings> {
  const rows = await context.prisma.appSetting.findMany({ where: { key: { in: Object.keys(DEFAULT_SETTINGS) } } });
  const stored = Object.fromEntries(rows.map((row) => [row.key, row.value]));
  const parsed = settingsSchema.partial().safeParse(stored);
  return { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

export async function saveSettings(context: DomainContext, settings: Settings): Promise<void> {
  const valid = settingsSchema.parse(settings);
  await context.prisma.$transaction(
    Object.entries(valid).map(([key, value]) =>
      context.prisma.appSetting.upsert({ where: { key }, create: { key, value }, update: { value } }),
    ),
  );
}
