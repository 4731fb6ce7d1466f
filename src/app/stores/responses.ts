import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Audience } from '../../shared/records';
import type { SyncState } from '../db/database';
import { outboxSummary } from '../db/outbox';
import { countRecords, listRecords, recordsFinalisedBetween } from '../db/records';

export interface ResponseRow {
  id: string;
  finalisedAt: string;
  questionnaireId: string;
  questionnaireVersion: number;
  audience: Audience;
  communityId: string;
  roundId: string;
  syncState: SyncState;
  syncError?: string | undefined;
  signature: 'signed' | 'declined' | 'missing';
}

const responsePageSize = 50;

/** The worker's finalised questionnaires, newest first, a page at a time. */
export const useResponsesStore = defineStore('responses', () => {
  const rows = ref<ResponseRow[]>([]);
  const total = ref(0);
  const loading = ref(false);
  /** For the home page: how many responses there are, and how many records wait for the server. */
  const summary = ref<{ responses: number; pending: number; oldestPending: string | undefined; refused: number } | undefined>(undefined);

  async function loadSummary(): Promise<void> {
    const [responses, outbox] = await Promise.all([countRecords('response'), outboxSummary()]);
    summary.value = { responses, pending: outbox.waiting, oldestPending: outbox.oldestWaitingAt, refused: outbox.problems.length };
  }

  async function page(offset: number): Promise<ResponseRow[]> {
    const records = await listRecords('response', { offset, limit: responsePageSize });
    if (records.length === 0) return [];
    // A response and its signature are finalised at the same instant, so the page's time range
    // finds its signatures on the existing [kind+finalisedAt] index.
    const newest = records[0]!.finalisedAt;
    const oldest = records[records.length - 1]!.finalisedAt;
    const signatures = await recordsFinalisedBetween('signature', oldest, newest);
    const bySigned = new Map(signatures.map((signature) => [String(signature.data.signedRecordId), signature.data]));
    return records.map((record) => {
      const signature = bySigned.get(record.id);
      return {
        id: record.id,
        finalisedAt: record.finalisedAt,
        questionnaireId: String(record.data.questionnaireId),
        questionnaireVersion: Number(record.data.questionnaireVersion),
        audience: record.data.audience as Audience,
        communityId: String(record.data.communityId),
        roundId: String(record.data.roundId),
        syncState: record.syncState,
        syncError: record.syncError,
        signature: !signature ? 'missing' : signature.blobHash ? 'signed' : 'declined',
      };
    });
  }

  async function loadFirst(): Promise<void> {
    loading.value = true;
    try {
      const [first, count] = await Promise.all([page(0), countRecords('response')]);
      rows.value = first;
      total.value = count;
    } finally {
      loading.value = false;
    }
  }

  async function loadMore(): Promise<void> {
    if (loading.value || rows.value.length >= total.value) return;
    loading.value = true;
    try {
      rows.value = [...rows.value, ...(await page(rows.value.length))];
    } finally {
      loading.value = false;
    }
  }

  return { rows, total, loading, summary, loadSummary, loadFirst, loadMore };
});
