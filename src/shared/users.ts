import { z } from 'zod/mini';
import { passwordSchema, usernameSchema } from './auth';
import { boundedText } from './records';
import { isScopeValidForRole, roleSchema, scopeLevelSchema, type Role, type Scope } from './roles';

/** A scope as the administrator sets it: bounded, since it arrives from a form. */
export const editableScopeSchema = z.object({
  level: scopeLevelSchema,
  ids: z.array(boundedText(100, 1)).check(z.minLength(1), z.maxLength(200)),
});

const displayNameSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(100), z.refine((text) => !text.includes('\u0000'), 'must not contain U+0000'));

const roleAndScopeMatch = z.refine<{ role: Role; scope: Scope }>((user) => isScopeValidForRole(user.role, user.scope), {
  message: 'scope: the level does not fit the role',
  path: ['scope', 'level'],
});

/** What the administrator sets about a user besides the password. */
export const userProfileSchema = z.object({ name: displayNameSchema, role: roleSchema, scope: editableScopeSchema }).check(roleAndScopeMatch);
export type UserProfile = z.infer<typeof userProfileSchema>;

/** A new account: the password given is temporary, changed by the user at the first sign-in. */
export const newUserSchema = z
  .object({ username: usernameSchema, name: displayNameSchema, role: roleSchema, scope: editableScopeSchema, password: passwordSchema })
  .check(roleAndScopeMatch);
export type NewUserRequest = z.infer<typeof newUserSchema>;

export const passwordResetSchema = z.object({ password: passwordSchema });
export type PasswordReset = z.infer<typeof passwordResetSchema>;

export const passwordChangeSchema = z.object({
  currentPassword: z.string().check(z.minLength(1), z.maxLength(256)),
  newPassword: passwordSchema,
});
export type PasswordChange = z.infer<typeof passwordChangeSchema>;

export const userAccountSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: roleSchema,
  scope: editableScopeSchema,
  createdAt: z.iso.datetime(),
  disabledAt: z.nullable(z.iso.datetime()),
  mustChangePassword: z.boolean(),
});
export type UserAccount = z.infer<typeof userAccountSchema>;

export const userAccountResponseSchema = z.object({ user: userAccountSchema });
export const userListSchema = z.object({ users: z.array(userAccountSchema) });
