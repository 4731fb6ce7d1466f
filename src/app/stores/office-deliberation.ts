import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DeliberationOverview, DeliberationQuery, SessionDetail } from '../../shared/deliberation/api';
import { fetchDeliberationExport, fetchDeliberationOverview, fetchDeliberationSession, fetchImage } from '../api/deliberation';
import { useAsyncAction } from '../composables/useAsyncAction';
import { useSessionStore } from './session';

/** The office's view of deliberation sessions, read from the server (district or own sub-district). */
export const useOfficeDeliberationStore = defineStore('office-deliberation', () => {
  const overview = ref<DeliberationOverview | null>(null);
  const detail = ref<SessionDetail | null>(null);
  const { pending: loading, error, run } = useAsyncAction();

  const token = (): string => useSessionStore().signedInToken();

  const load = (query: DeliberationQuery) => run(async () => void (overview.value = await fetchDeliberationOverview(query, token())));
  const open = (sessionId: string) => run(async () => void (detail.value = await fetchDeliberationSession(sessionId, token())));

  /** An image (signature or photo) of a session in scope; undefined when it cannot be read. */
  function image(hash: string): Promise<Blob | undefined> {
    return fetchImage(hash, token()).catch(() => undefined);
  }

  function exportFile(format: 'csv' | 'xlsx', query: DeliberationQuery): Promise<Blob> {
    return fetchDeliberationExport(format, query, token());
  }

  return { overview, detail, loading, error, load, open, image, exportFile };
});
