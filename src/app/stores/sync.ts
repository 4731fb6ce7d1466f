import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { createSyncApi, type SyncApi } from '../api/sync';
import { deviceId } from '../db/device';
import { lastSyncSuccess, outboxSummary, recordSyncSuccess, unsentRecordsWithBlobs, watchWaitingCount, type OutboxSummary } from '../db/outbox';
import { downloadFile } from '../sync/download';
import { buildUnsentFile, readUnsentFile } from '../sync/export-file';
import { importUnsentFile } from '../sync/import';
import { runSync, type SyncProgress } from '../sync/engine';
import { createSyncScheduler, type SyncOutcome, type SyncScheduler } from '../sync/scheduler';
import { userErrorOf, type UserError } from '../i18n/user-error';
import { useSessionStore } from './session';

const lockName = 'gulou-sync';
const reachabilityEveryMs = 30_000;
const staleAfterMs = 24 * 60 * 60 * 1000;

/** Only one tab syncs at a time; where Web Locks are missing, each tab syncs on its own. */
async function withTabLock(work: () => Promise<void>): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.locks) {
    await work();
    return true;
  }
  return navigator.locks.request(lockName, { ifAvailable: true }, async (lock) => {
    if (!lock) return false;
    await work();
    return true;
  });
}

export type ImportResult = Awaited<ReturnType<typeof importUnsentFile>>;

/** What waits to be sent, what is happening now, and when the last sync succeeded. */
export const useSyncStore = defineStore('sync', () => {
  const summary = ref<OutboxSummary>({ waitingByKind: {}, waiting: 0, oldestWaitingAt: undefined, problems: [], blobsWaiting: 0 });
  const running = ref(false);
  const progress = ref<SyncProgress | undefined>(undefined);
  const lastSuccessAt = ref<string | undefined>(undefined);
  const lastOutcome = ref<SyncOutcome | undefined>(undefined);
  /** Why the last run failed, as a code the page words in the user's language. */
  const lastError = ref<UserError | undefined>(undefined);
  const now = ref(Date.now());

  const staleWaiting = computed(() => !!summary.value.oldestWaitingAt && now.value - Date.parse(summary.value.oldestWaitingAt) > staleAfterMs);

  let scheduler: SyncScheduler | undefined;
  let stopWatching: (() => void) | undefined;
  let reachabilityTimer: ReturnType<typeof setInterval> | undefined;
  let api: SyncApi | undefined;
  let lastWaiting = 0;

  async function refresh(): Promise<void> {
    [summary.value, lastSuccessAt.value] = await Promise.all([outboxSummary(), lastSyncSuccess()]);
    now.value = Date.now();
  }

  const onOnline = () => void scheduler?.trigger();
  const onVisible = () => {
    if (document.visibilityState === 'visible') void scheduler?.trigger();
  };

  /** Starts syncing for the signed-in user: now, and on every trigger from then on. */
  function start(baseUrl = ''): void {
    const session = useSessionStore();
    if (scheduler || !session.token) return;
    api = createSyncApi({ baseUrl, token: session.token });
    const syncApi = api;
    scheduler = createSyncScheduler({
      withLock: withTabLock,
      async run() {
        running.value = true;
        try {
          await runSync(syncApi, (p) => (progress.value = p));
          await recordSyncSuccess(new Date());
        } finally {
          running.value = false;
          progress.value = undefined;
          await refresh();
        }
      },
      onOutcome(outcome, error) {
        lastOutcome.value = outcome;
        lastError.value = outcome === 'failed' ? userErrorOf(error) : undefined;
        if (outcome === 'needs-sign-in') session.expired = true;
      },
    });
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisible);
    // A new finalised record is a trigger of its own.
    stopWatching = watchWaitingCount((waiting) => {
      if (waiting > lastWaiting) void scheduler?.trigger();
      lastWaiting = waiting;
      void refresh();
    });
    // While a sync is failing, a real request (not navigator.onLine) tells when the server is back.
    reachabilityTimer = setInterval(async () => {
      if (lastOutcome.value === 'failed' && !running.value && (await syncApi.reachable())) void scheduler?.trigger();
    }, reachabilityEveryMs);
    void scheduler.trigger();
  }

  function stop(): void {
    scheduler?.stop();
    scheduler = undefined;
    stopWatching?.();
    if (reachabilityTimer) clearInterval(reachabilityTimer);
    window.removeEventListener('online', onOnline);
    document.removeEventListener('visibilitychange', onVisible);
  }

  /** After signing in again: a new token, and the queue resumes where it stopped. */
  function restart(): void {
    stop();
    start();
  }

  async function syncNow(): Promise<void> {
    await scheduler?.trigger();
  }

  /** Writes every unsent record and its blobs to one file; returns how many records it holds. */
  async function exportUnsent(): Promise<number> {
    const session = useSessionStore();
    const { records, blobs } = await unsentRecordsWithBlobs();
    if (records.length === 0) return 0;
    const now = new Date();
    const file = await buildUnsentFile({ records, blobs, deviceId: await deviceId(), exportedBy: session.user?.username ?? '', now });
    downloadFile(`unsent-${session.user?.username ?? 'device'}-${now.toISOString().slice(0, 16).replace(/[:T]/g, '-')}.json`, JSON.stringify(file), 'application/json');
    return records.length;
  }

  /** Imports a device's export file through the normal push (office roles). */
  async function importFile(text: string, onProgress: (done: number, total: number) => void): Promise<ImportResult> {
    // A damaged file is refused before anything else is looked at.
    const { file, blobs } = readUnsentFile(text);
    const session = useSessionStore();
    if (!session.token) throw new Error('not signed in');
    return importUnsentFile(createSyncApi({ token: session.token }), file, blobs, onProgress);
  }

  return { summary, running, progress, lastSuccessAt, lastOutcome, lastError, staleWaiting, refresh, start, stop, restart, syncNow, exportUnsent, importFile };
});
