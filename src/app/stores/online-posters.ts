import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { OnlineLinks } from '../../shared/online';
import { fetchOnlineLinks } from '../api/online';
import { fetchRounds } from '../api/scores';
import { useAsyncAction } from '../composables/useAsyncAction';
import { useSessionStore } from './session';

/** The open round's online links, one QR poster per community. */
export const useOnlinePostersStore = defineStore('online-posters', () => {
  const links = ref<OnlineLinks | null>(null);
  /** No round is open: there is nothing to put on a poster. */
  const noOpenRound = ref(false);
  const { pending: loading, error, run } = useAsyncAction();

  function open(): Promise<void> {
    return run(async () => {
      const token = useSessionStore().signedInToken();
      const openRound = (await fetchRounds(token)).find((round) => round.state === 'open');
      noOpenRound.value = !openRound;
      links.value = openRound ? await fetchOnlineLinks(token, openRound.id) : null;
    });
  }

  return { links, loading, error, noOpenRound, open };
});
