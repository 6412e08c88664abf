import { z } from 'zod';
import { emailSchema, newPasswordSchema } from './auth';

/** Changing one's own password: the current one proves it is the account's owner at the keyboard. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, { message: 'Enter your current password.' }).max(1024),
    newPassword: newPasswordSchema,
  })
  .refine((input) => input.currentPassword !== input.newPassword, {
    message: 'Choose a password different from the current one.',
    path: ['newPassword'],
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const teamRoleSchema = z.enum(['lead', 'member'], { message: 'Choose lead or member.' });

export const setMemberRoleSchema = z.object({ teamId: z.string().min(1), userId: z.string().min(1), role: teamRoleSchema });
export const removeMemberSchema = z.object({ teamId: z.string().min(1), userId: z.string().min(1) });
export const addMemberSchema = z.object({ teamId: z.string().min(1), email: emailSchema, role: teamRoleSchema });
export type SetMemberRoleInput = z.infer<typeof setMemberRoleSchema>;
export type RemoveMemberInput = z.infer<typeof removeMemberSchema>;
export type AddMemberInput = z.input<typeof addMemberSchema>;
