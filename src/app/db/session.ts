import type { LoginResponse } from '../../shared/auth';
import { appDatabase, type StoredSession } from './database';

export async function loadSession(): Promise<StoredSession | undefined> {
  return appDatabase().sessions.get('current');
}

export async function saveSession(login: LoginResponse, now: Date = new Date()): Promise<StoredSession> {
  const session: StoredSession = {
    key: 'current',
    shape: 1,
    token: login.token,
    expiresAt: login.expiresAt,
    user: login.user,
    signedInAt: now.toISOString(),
  };
  await appDatabase().sessions.put(session);
  return session;
}

export async function clearSession(): Promise<void> {
  await appDatabase().sessions.delete('current');
}
