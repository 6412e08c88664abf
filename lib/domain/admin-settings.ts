import { forbidden } from '@/lib/errors';
import { parseOrThrow } from '@/lib/validations/parse';
import { isAdminActor } from './access';
import type { Actor } from './actor';
import { recordAudit } from './audit';
import type { DomainContext } from './context';
import { settingsUpdateSchema } from '@/lib/validations/settings';
import { getSettings, saveSettings, type Settings } from './settings';

/** The organisation's settings are changed (and shown for editing) by signed-in administrators only. */
async function assertSettingsAdmin(context: DomainContext, actor: Actor): Promise<void> {
  if (actor.kind !== 'user' || !(await isAdminActor(context, actor))) {
    throw forbidden('Only an administrator can change the organisation settings.');
  }
}

export async function getSettingsForAdmin(context: DomainContext, actor: Actor): Promise<Settings> {
  await assertSettingsAdmin(context, actor);
  return getSettings(context);
}

/** Validates and saves the settings; the audit event keeps the values before and after. */
export async function updateAppSettings(context: DomainContext, actor: Actor, rawInput: unknown): Promise<Settings> {
  const target = { type: 'settings' as const, name: 'organisation' };
  try {
    await assertSettingsAdmin(context, actor);
    const update = parseOrThrow(settingsUpdateSchema, rawInput);
    const before = await getSettings(context);
    const next: Settings = { ...update, webhookAllowedHosts: update.webhookAllowedHosts ?? before.webhookAllowedHosts };
    await saveSettings(context, next);
    await recordAudit(context, actor, 'settings.update', target, { ok: true }, { before, after: next });
    return next;
  } catch (error) {
    await recordAudit(context, actor, 'settings.update', target, { ok: false, error });
    throw error;
  }
}
