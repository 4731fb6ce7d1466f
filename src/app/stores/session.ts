import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { LoginRequest, SessionUser } from '../../shared/auth';
import { errorCodes } from '../../shared/errors';
import type { PasswordChange } from '../../shared/users';
import { changePassword as sendPasswordChange, fetchCurrentUser, login, logout } from '../api/auth';
import { ApiError } from '../api/http';
import { clearSession, keepSignInKey, loadSession, replaceSessionUser, saveSession, signInKeyFor } from '../db/session';

/** Who is signed in on this device; survives reloads and offline starts through IndexedDB. */
export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null);
  const token = ref<string | null>(null);
  /** The server refused the token: records stay, the user is asked to sign in again. */
  const expired = ref(false);
  let restoring: Promise<void> | undefined;

  const signedIn = computed(() => user.value !== null);
  /** The administrator set this user's password: the app shows nothing but the change-password screen. */
  const mustChangePassword = computed(() => user.value?.mustChangePassword === true);

  function restore(): Promise<void> {
    restoring ??= loadSession().then((stored) => {
      user.value = stored?.user ?? null;
      token.value = stored?.token ?? null;
    });
    return restoring;
  }

  async function signIn(credentials: LoginRequest): Promise<SessionUser> {
    const signInKey = await signInKeyFor(credentials.username);
    const response = await login(signInKey ? { ...credentials, signInKey } : credentials);
    await saveSession(response);
    if (response.signInKey) await keepSignInKey(credentials.username, response.signInKey);
    user.value = response.user;
    token.value = response.token;
    expired.value = false;
    return response.user;
  }

  /** Asks the server whether the token still holds; offline or unreachable changes nothing. */
  async function verify(): Promise<void> {
    if (!token.value) return;
    try {
      user.value = await fetchCurrentUser(token.value);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) expired.value = true;
    }
  }

  async function changePassword(change: PasswordChange): Promise<void> {
    if (!token.value) throw new ApiError(401, 'unauthenticated', 'not signed in');
    const changed = await sendPasswordChange(change, token.value);
    await replaceSessionUser(changed);
    user.value = changed;
  }

  async function signOut(): Promise<void> {
    const current = token.value;
    await clearSession();
    user.value = null;
    token.value = null;
    expired.value = false;
    // Revoking on the server is best effort: signing out must work offline too.
    if (current) await logout(current).catch(() => undefined);
  }

  /** The token for an office request; a request made signed out fails as the server would answer it. */
  function signedInToken(): string {
    if (!token.value) throw new ApiError(401, errorCodes.unauthenticated, 'not signed in');
    return token.value;
  }

  return { user, token, expired, signedIn, mustChangePassword, restore, signIn, verify, changePassword, signOut, signedInToken };
});
