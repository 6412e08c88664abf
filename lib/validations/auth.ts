import { z } from 'zod';

/** Emails are compared lower-cased and trimmed everywhere (sign-in, OIDC matching, setup). */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid email address.' }));

/** Shared by the sign-in form and the credentials provider. */
export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { message: 'Enter your password.' }).max(1024, { message: 'That password is too long.' }),
});

export type SignInInput = z.infer<typeof signInSchema>;

/** For accounts Clonedeck creates with a password (ADMIN_PASSWORD, user management). */
export const newPasswordSchema = z
  .string()
  .min(12, { message: 'Use at least 12 characters.' })
  .max(1024, { message: 'That password is too long.' });
