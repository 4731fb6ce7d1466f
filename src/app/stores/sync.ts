import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { createSyncApi } from '../api/sync';
import { deviceId } from '../db/device';
import { lastSyncSuccess, outboxSummary, unsentRecordsWithBlobs, type OutboxSummary } from '../db/outbox';
import { takeUnseenDecisions, type HandledRecord } from '../db/refusal-outcomes';
import { userErrorOf, type UserError } from '../i18n/user-error';
import { saveBlob } from '../save-file';
import type { SyncProgress } from '../sync/engine';
import { buildUnsentFile, readUnsentFile } from '../sync/export-file';
import { describeUnsentFile, importUnsentFile } from '../sync/import';
import { startSyncRuntime, type SyncRuntime } from '../sync/runtime';
import type { SyncOutcome } from '../sync/scheduler';
import { useSessionStore } from './session';

const staleAfterMs = 24 * 60 * 60 * 1000;

export type { HandledRecord };
export type ImportResult = Awaited<ReturnType<typeof importUnsentFile>>;
export type ImportPreview = ReturnType<typeof readUnsentFile> & { summary: ReturnType<typeof describeUnsentFile> };

/** What waits to be sent, what is happening now, and when the last sync succeeded; and the commands. */
export const useSyncStore = defineStore('sync', () => {
  const summary = ref<OutboxSummary>({ waitingByKind: {}, waiting: 0, oldestWaitingAt: undefined, problems: [], blobsWaiting: 0 });
  const running = ref(false);
  const progress = ref<SyncProgress | undefined>(undefined);
  const lastSuccessAt = ref<string | undefined>(undefined);
  const lastOutcome = ref<SyncOutcome | undefined>(undefined);
  /** Whether syncing runs for the signed-in user (from start() until stop()). */
  const active = ref(false);
  /** Why the last run failed, as a code the page words in the user's language. */
  const lastError = ref<UserError | undefined>(undefined);
  const now = ref(Date.now());

  const staleWaiting = computed(() => !!summary.value.oldestWaitingAt && now.value - Date.parse(summary.value.oldestWaitingAt) > staleAfterMs);

  let runtime: SyncRuntime | undefined;

  async function refresh(): Promise<void> {
    [summary.value, lastSuccessAt.value] = await Promise.all([outboxSummary(), lastSyncSuccess()]);
    now.value = Date.now();
  }

  let startedWithToken: string | undefined;

  /**
   * Syncing for the signed-in user: now, and on every trigger from then on. Called again with the
   * same token it changes nothing; with a new one (signing in again after expiry) the queue resumes
   * under the new token where it stopped.
   */
  function start(baseUrl = ''): void {
    const session = useSessionStore();
    if (!session.token || (runtime && startedWithToken === session.token)) return;
    stop();
    startedWithToken = session.token;
    runtime = startSyncRuntime(createSyncApi({ baseUrl, token: session.token }), {
      running: (value) => (running.value = value),
      progress: (value) => (progress.value = value),
      outcome(outcome, error) {
        lastOutcome.value = outcome;
        lastError.value = outcome === 'failed' ? userErrorOf(error) : undefined;
        if (outcome === 'needs-sign-in') session.expired = true;
      },
      changed: () => void refresh(),
    });
    active.value = true;
  }

  function stop(): void {
    runtime?.stop();
    runtime = undefined;
    startedWithToken = undefined;
    active.value = false;
  }

  async function syncNow(): Promise<void> {
    await runtime?.trigger();
  }

  /** Writes every unsent record and its blobs to one file; returns how many records it holds. */
  async function exportUnsent(): Promise<number> {
    const session = useSessionStore();
    const { records, blobs } = await unsentRecordsWithBlobs();
    if (records.length === 0) return 0;
    const at = new Date();
    const file = await buildUnsentFile({ records, blobs, deviceId: await deviceId(), exportedBy: session.user?.username ?? '', now: at });
    saveBlob(`unsent-${session.user?.username ?? 'device'}-${at.toISOString().slice(0, 16).replace(/[:T]/g, '-')}.json`, new Blob([JSON.stringify(file)], { type: 'application/json' }));
    return records.length;
  }

  /** Reads an export file without sending anything; a damaged one is refused before anything else is looked at. */
  function readImportFile(text: string): ImportPreview {
    const read = readUnsentFile(text);
    return { ...read, summary: describeUnsentFile(read.file) };
  }

  /** Imports a device's export file, once read, through the normal push (office roles). */
  async function importFile(read: ImportPreview, onProgress: (done: number, total: number) => void): Promise<ImportResult> {
    const session = useSessionStore();
    if (!session.token) throw new Error('not signed in');
    return importUnsentFile(createSyncApi({ token: session.token }), read.file, read.blobs, onProgress);
  }

  /** Refused records the office has decided on since the device last showed such decisions: each is returned once. */
  function takeOfficeDecisions(): Promise<HandledRecord[]> {
    return takeUnseenDecisions(new Date());
  }

  return { summary, running, active, progress, lastSuccessAt, lastOutcome, lastError, staleWaiting, refresh, start, stop, syncNow, exportUnsent, readImportFile, importFile, takeOfficeDecisions };
});
