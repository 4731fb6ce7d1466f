import { z } from 'zod/mini';
import { loginResponseSchema, sessionUserSchema, type LoginRequest, type LoginResponse, type SessionUser } from '../../shared/auth';
import type { PasswordChange } from '../../shared/users';
import { requestJson } from './http';
import { apiPaths } from './paths';

export function login(credentials: LoginRequest): Promise<LoginResponse> {
  return requestJson(apiPaths.login, { method: 'POST', body: credentials, schema: loginResponseSchema });
}

export async function fetchCurrentUser(token: string): Promise<SessionUser> {
  const { user } = await requestJson(apiPaths.me, { token, schema: z.object({ user: sessionUserSchema }) });
  return user;
}

export function logout(token: string): Promise<void> {
  return requestJson(apiPaths.logout, { method: 'POST', token });
}

/** Changes the signed-in user's password; the answer is the user without the pending change. */
export async function changePassword(change: PasswordChange, token: string): Promise<SessionUser> {
  const { user } = await requestJson(apiPaths.changePassword, { method: 'POST', token, body: change, schema: z.object({ user: sessionUserSchema }) });
  return user;
}
