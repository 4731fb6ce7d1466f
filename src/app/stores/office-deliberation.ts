import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DeliberationOverview, DeliberationQuery, SessionDetail } from '../../shared/deliberation/api';
import { fetchDeliberationExport, fetchDeliberationOverview, fetchDeliberationSession, fetchImage } from '../api/deliberation';
import { useSessionStore } from './session';

/** The office's view of deliberation sessions, read from the server (district or own sub-district). */
export const useOfficeDeliberationStore = defineStore('office-deliberation', () => {
  const overview = ref<DeliberationOverview | null>(null);
  const detail = ref<SessionDetail | null>(null);
  const loading = ref(false);
  const error = ref<unknown>(null);

  const token = (): string => useSessionStore().signedInToken();

  async function guarded(load: () => Promise<void>): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      await load();
    } catch (failure) {
      error.value = failure;
    } finally {
      loading.value = false;
    }
  }

  const load = (query: DeliberationQuery) => guarded(async () => void (overview.value = await fetchDeliberationOverview(query, token())));
  const open = (sessionId: string) => guarded(async () => void (detail.value = await fetchDeliberationSession(sessionId, token())));

  /** An image (signature or photo) of a session in scope; undefined when it cannot be read. */
  async function image(hash: string): Promise<Blob | undefined> {
    try {
      return await fetchImage(hash, token());
    } catch {
      return undefined;
    }
  }

  function exportFile(format: 'csv' | 'xlsx', query: DeliberationQuery): Promise<Blob> {
    return fetchDeliberationExport(format, query, token());
  }

  return { overview, detail, loading, error, load, open, image, exportFile };
});
