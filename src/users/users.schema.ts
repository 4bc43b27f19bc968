import { z } from 'zod';

export const ROLES = ['admin', 'editor'] as const;

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'An email address is at most 254 characters')
  .pipe(z.email('Enter an email address such as name@example.org'));

// Long passphrases are welcome; the upper bound only keeps scrypt's input sane.
export const password = z
  .string()
  .min(12, 'A password needs at least 12 characters')
  .max(500, 'A password is at most 500 characters');

export const newUserInput = z.object({
  email,
  name: z.string().trim().min(1, 'Give the name shown beside their edits').max(200, 'A name is at most 200 characters'),
  role: z.enum(ROLES, 'Choose admin or editor'),
  password,
});
export type NewUserInput = z.output<typeof newUserInput>;

export const userChangeInput = z.object({
  role: z.enum(ROLES, 'Choose admin or editor'),
  disabled: z.boolean(),
});
export type UserChangeInput = z.output<typeof userChangeInput>;

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().min(1, 'Enter your email address').max(254),
  password: z.string().min(1, 'Enter your password').max(500),
});

/** An account's or token's id in an address; anything else is "not found". */
export const recordId = z.coerce.number().int().positive().max(2_147_483_647);
