import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { OnlineLinks } from '../../shared/online';
import { ApiError } from '../api/http';
import { fetchOnlineLinks } from '../api/online';
import { fetchRounds } from '../api/scores';
import { useSessionStore } from './session';

/** The open round's online links, one QR poster per community (issue 11). */
export const useOnlinePostersStore = defineStore('online-posters', () => {
  const links = ref<OnlineLinks | null>(null);
  const loading = ref(false);
  /** 'no_open_round', or the API's error code. */
  const errorCode = ref<string | null>(null);

  async function open(): Promise<void> {
    loading.value = true;
    errorCode.value = null;
    try {
      const token = useSessionStore().token;
      if (!token) throw new ApiError(401, 'unauthenticated', 'not signed in');
      const openRound = (await fetchRounds(token)).find((round) => round.state === 'open');
      if (!openRound) {
        links.value = null;
        errorCode.value = 'no_open_round';
        return;
      }
      links.value = await fetchOnlineLinks(token, openRound.id);
    } catch (error) {
      errorCode.value = error instanceof ApiError ? error.code : 'other';
    } finally {
      loading.value = false;
    }
  }

  return { links, loading, errorCode, open };
});
