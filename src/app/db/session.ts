import type { LoginResponse, SessionUser } from '../../shared/auth';
import { appDatabase, type StoredSession } from './database';
import { writeWithReopen } from './storage';

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
  await writeWithReopen(() => appDatabase().sessions.put(session));
  return session;
}

export async function clearSession(): Promise<void> {
  await writeWithReopen(() => appDatabase().sessions.delete('current'));
}

/** Keeps the stored token and replaces the user (after a password change, or the server's newer view of them). */
export async function replaceSessionUser(user: SessionUser): Promise<void> {
  await writeWithReopen(() => appDatabase().sessions.update('current', { user }));
}

const signInKeyEntry = (username: string) => `sign-in-key:${username}`;

/** The key this device got when it last signed in as `username`: the server does not slow it down. */
export async function signInKeyFor(username: string): Promise<string | undefined> {
  const entry = await appDatabase().meta.get(signInKeyEntry(username));
  return typeof entry?.value === 'string' ? entry.value : undefined;
}

/** Kept apart from the session, so that signing out does not make the device a stranger to the account. */
export async function keepSignInKey(username: string, key: string): Promise<void> {
  await writeWithReopen(() => appDatabase().meta.put({ key: signInKeyEntry(username), value: key }));
}
