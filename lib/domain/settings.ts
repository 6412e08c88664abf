import { z } from 'zod';
import type { DomainContext } from './context';

/** Organisation-wide settings an admin can change (stored in AppSetting rows). */
export const settingsSchema = z.object({
  /** No environment may be created or extended further than this, except by an admin choosing "never". */
  maxTtlHours: z.number().int().min(1).max(24 * 3650),
  /** How long a lead may protect an environment at once (admins are not bounded). */
  maxLeadProtectHours: z.number().int().min(1).max(24 * 365),
  /** How long before expiry the warning goes out. */
  expiryWarningHours: z.number().int().min(1).max(24 * 30),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { maxTtlHours: 24 * 30, maxLeadProtectHours: 24 * 14, expiryWarningHours: 24 };

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
