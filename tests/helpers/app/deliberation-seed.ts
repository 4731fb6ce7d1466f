import { saveSession } from '../../../src/app/db/session';
import { useSessionStore } from '../../../src/app/stores/session';
import type { LoginResponse } from '../../../src/shared/auth';
import { workerLogin } from './network';

/** The demo adviser, whose community is c-1. */
export const adviserLogin: LoginResponse = {
  ...workerLogin,
  token: 'token-of-the-adviser',
  user: { id: 'adviser-1', username: 'demo-adviser', name: '刘律师', role: 'legal_adviser', scope: { level: 'community', ids: ['c-1'] } },
};

/** Signs the adviser in on this device, as after a sign-in online; call after mounting (mounting makes a fresh Pinia). */
export async function signInAdviser(): Promise<void> {
  await saveSession(adviserLogin);
  await useSessionStore().restore();
}
