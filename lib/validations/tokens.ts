import { z } from 'zod';
import { ALL_TOKEN_PERMISSIONS } from '@/lib/domain/actor';
import { plainLine } from './text';

/** Tokens always expire; a year at most, so a forgotten CI secret dies on its own. */
export const TOKEN_EXPIRY_DAYS_MAX = 365;

/** The expiries the form offers, in days. */
export const TOKEN_EXPIRY_CHOICES = [7, 30, 90, 180, 365] as const;

export const tokenNameSchema = z
  .string()
  .trim()
  .min(3, { message: 'Name the token after what uses it, e.g. "qa-nightly-ci".' })
  .max(60, { message: 'Keep the name under 60 characters.' })
  .pipe(plainLine());

/** Shared by the token form and the domain service. */
export const createTokenSchema = z.object({
  teamId: z.string().min(1, { message: 'Choose a team.' }),
  name: tokenNameSchema,
  permissions: z
    .array(z.enum(ALL_TOKEN_PERMISSIONS, { message: 'Unknown permission.' }))
    .min(1, { message: 'Choose at least one permission.' })
    .transform((chosen) => ALL_TOKEN_PERMISSIONS.filter((permission) => chosen.includes(permission))),
  expiresInDays: z
    .number({ message: 'Choose an expiry.' })
    .int()
    .min(1, { message: 'The token must live at least a day.' })
    .max(TOKEN_EXPIRY_DAYS_MAX, { message: `Tokens expire within ${TOKEN_EXPIRY_DAYS_MAX} days.` }),
});
export type CreateTokenInput = z.input<typeof createTokenSchema>;

export const revokeTokenSchema = z.object({ tokenId: z.string().min(1) });

/** An administrator hands a token to someone else (a lead of its team, or an administrator). */
export const reassignTokenSchema = z.object({
  tokenId: z.string().min(1),
  userId: z.string().min(1, { message: 'Choose who gets the token.' }),
});
export type ReassignTokenInput = z.infer<typeof reassignTokenSchema>;
