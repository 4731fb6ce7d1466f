import { z } from 'zod/mini';
import { roleSchema, scopeSchema } from './roles';
import { withoutNullCharacter } from './validation';

export const usernameSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(3),
    z.maxLength(64),
    z.regex(/^[a-z0-9][a-z0-9._-]*$/, 'use lower-case letters, digits, ".", "_" or "-"'),
  );

export const passwordSchema = z.string().check(z.minLength(8), z.maxLength(256));

/** What a successful sign-in gives the device to send with its next ones to the same account. */
export const signInKeySchema = z.string().check(z.minLength(1), z.maxLength(128), z.regex(/^[\w-]+$/));

export const loginRequestSchema = z.object({
  username: z.string().check(z.trim(), z.minLength(1), z.maxLength(64), withoutNullCharacter),
  password: z.string().check(z.minLength(1), z.maxLength(256), withoutNullCharacter),
  signInKey: z.optional(signInKeySchema),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: roleSchema,
  scope: scopeSchema,
  /** Present and true when the administrator set the password: nothing else is allowed until the user changes it. */
  mustChangePassword: z.optional(z.boolean()),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const loginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  user: sessionUserSchema,
  /** Optional for servers that predate it; this server always sends one. */
  signInKey: z.optional(signInKeySchema),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;
