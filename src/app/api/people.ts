import { userAccountResponseSchema, userListSchema, type NewUserRequest, type UserAccount, type UserProfile } from '../../shared/users';
import { requestJson } from './http';
import { apiPaths } from './paths';

export async function fetchUsers(token: string): Promise<UserAccount[]> {
  return (await requestJson(apiPaths.users, { token, schema: userListSchema })).users;
}

export async function createUser(user: NewUserRequest, token: string): Promise<UserAccount> {
  return (await requestJson(apiPaths.users, { method: 'POST', token, body: user, schema: userAccountResponseSchema })).user;
}

export async function updateUser(userId: string, profile: UserProfile, token: string): Promise<UserAccount> {
  return (await requestJson(apiPaths.user(userId), { method: 'PUT', token, body: profile, schema: userAccountResponseSchema })).user;
}

export async function setUserDisabled(userId: string, disabled: boolean, token: string): Promise<UserAccount> {
  return (await requestJson(apiPaths.userAction(userId, disabled ? 'disable' : 'enable'), { method: 'POST', token, schema: userAccountResponseSchema })).user;
}

export async function resetUserPassword(userId: string, password: string, token: string): Promise<UserAccount> {
  return (await requestJson(apiPaths.userAction(userId, 'password'), { method: 'POST', token, body: { password }, schema: userAccountResponseSchema })).user;
}
