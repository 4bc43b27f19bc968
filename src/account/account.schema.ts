import { z } from 'zod';
import { password } from '../users/users.schema';

export const passwordChangeInput = z
  .object({
    current_password: z
      .string('Enter your current password')
      .min(1, 'Enter your current password')
      .max(500, 'This is not your current password'),
    new_password: password,
    new_password_again: z.string('Type the new password again'),
  })
  .refine((v) => v.new_password === v.new_password_again, {
    path: ['new_password_again'],
    message: 'The two new passwords differ: type the same one twice',
  });

export const apiTokenInput = z.object({
  name: z
    .string('Name the token after what will use it')
    .trim()
    .min(1, 'Name the token after what will use it, e.g. “import script”')
    .max(100, 'A token name is at most 100 characters'),
});
