import { z } from 'zod';
import { CONTROL_CHARACTER } from './text';

/** Webhook URLs are http(s) only: no file:, data:, javascript: or other schemes reach fetch. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function hasCredentials(url: URL): boolean {
  return url.username !== '' || url.password !== '';
}

export const WEBHOOK_URL_MAX = 2000;

/** A team's webhook URL, as the team settings form saves it. */
export const webhookUrlSchema = z
  .string()
  .trim()
  .max(WEBHOOK_URL_MAX, { message: `Keep the URL under ${WEBHOOK_URL_MAX} characters.` })
  .refine((text) => !CONTROL_CHARACTER.test(text), { message: 'Enter the URL without control characters.' })
  .refine(isHttpUrl, { message: 'Enter a full http:// or https:// URL.' })
  .refine((text) => !isHttpUrl(text) || !hasCredentials(new URL(text)), {
    message: 'Put no user name or password in the URL; the signature authenticates each delivery.',
  });

/** The form's field: empty means "no webhook" (null). */
export const optionalWebhookUrlSchema = z
  .string()
  .trim()
  .transform((text) => (text === '' ? null : text))
  .pipe(webhookUrlSchema.nullable());

/** The shared secret deliveries are signed with (HMAC-SHA256); long enough not to be guessed. */
export const webhookSecretSchema = z
  .string()
  .trim()
  .min(16, { message: 'Use at least 16 characters for the secret.' })
  .max(200, { message: 'Keep the secret under 200 characters.' });
