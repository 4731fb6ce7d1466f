import { defineStore } from 'pinia';
import { v7 as uuidv7 } from 'uuid';
import { computed, ref, shallowRef } from 'vue';
import { followUpLines, followUpRecord, sessionFormId, type FollowUpReport } from '../../shared/deliberation/session';
import type { DeliberationTopic } from '../../shared/deliberation/vocabulary';
import { communitySchema, type Community } from '../../shared/organisation';
import type { RecordData } from '../../shared/records';
import type { StoredRecord, SyncState } from '../db/database';
import { deviceId } from '../db/device';
import { discardDraft as discardStoredDraft, listDrafts } from '../db/drafts';
import { allRecords, countRecords, getBlob, getRecord, listRecords, recordsFinalisedBetween, saveFinalised, summariseRecords } from '../db/records';
import { listReference } from '../db/reference';
import { useSessionStore } from './session';

export interface SessionRow {
  id: string;
  communityId: string;
  heldOn: string;
  topic: DeliberationTopic;
  title: string;
  attendees: number;
  syncState: SyncState;
}

export interface SessionDraftRow {
  id: string;
  communityId: string;
  title: string;
  heldOn: string;
  signing: boolean;
  updatedAt: string;
}

export interface SessionFilter {
  communityId: string;
  topic: DeliberationTopic | '';
  /** YYYY-MM, or '' for any month. */
  month: string;
}

/** Rows a list shows at a time (about a phone's screenful), and the sessions read before the rest. */
export const listPageSize = 20;

/** What the list keeps of a session: its row and its follow-up actions, never the whole record. */
interface SessionSummary extends SessionRow {
  data: Pick<RecordData<'deliberation'>, 'communityId' | 'title' | 'heldOn' | 'followUps'>;
}

function summaryOf(record: StoredRecord): SessionSummary {
  const data = record.data as RecordData<'deliberation'>;
  return {
    id: record.id,
    communityId: data.communityId,
    heldOn: data.heldOn,
    topic: data.topic,
    title: data.title,
    attendees: data.participants.reduce((sum, group) => sum + group.count, 0),
    syncState: record.syncState,
    data: { communityId: data.communityId, title: data.title, heldOn: data.heldOn, followUps: data.followUps },
  };
}

/** Resolves once the browser has painted what is on screen (at once where nothing paints, as in tests). */
function afterPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** The adviser's sessions on this device (drafts, waiting to sync, synced) and their follow-ups. */
export const useDeliberationStore = defineStore('deliberation', () => {
  // Shallow: the list replaces these arrays whole and never changes an entry in place.
  const sessions = shallowRef<SessionSummary[]>([]);
  const reports = shallowRef<StoredRecord[]>([]);
  const drafts = ref<SessionDraftRow[]>([]);
  const communities = ref<Community[]>([]);
  const loaded = ref(false);
  /** How many sessions the device holds, known before they are all read. */
  const sessionCount = ref(0);

  /** True once every session and report is read (the first page of sessions shows before). */
  const complete = ref(false);

  /**
   * Reads the newest page of sessions first, so the list paints at once however many the device
   * holds; once that is painted, a summary of every session and the follow-up reports, for the
   * filters and follow-ups. Newest first by finalisation, the order of the index, so rows keep
   * their places when the rest arrives.
   */
  async function load(): Promise<void> {
    const user = useSessionStore().user;
    const scopeIds = user?.scope.level === 'community' ? user.scope.ids : [];
    const [firstPage, count, draftRecords, communityRefs] = await Promise.all([
      listRecords('deliberation', { offset: 0, limit: listPageSize }),
      countRecords('deliberation'),
      listDrafts('deliberation'),
      listReference('community'),
    ]);
    if (!complete.value) sessions.value = firstPage.map(summaryOf);
    sessionCount.value = count;
    drafts.value = draftRecords
      .filter((draft) => draft.formId === sessionFormId)
      .map((draft) => ({
        id: draft.id,
        communityId: String(draft.context.communityId),
        title: String(draft.answers.title ?? ''),
        heldOn: String(draft.answers.heldOn ?? ''),
        signing: draft.context.stage === 'sign',
        updatedAt: draft.updatedAt,
      }));
    const known = new Map(communityRefs.flatMap((entry) => {
      const parsed = communitySchema.safeParse(entry.data);
      return parsed.success ? [[parsed.data.id, parsed.data] as const] : [];
    }));
    // A community not pulled yet still shows, by its id, so the adviser is never locked out.
    communities.value = scopeIds.map((id) => known.get(id) ?? { id, subdistrictId: '', nameZh: id, nameEn: id });
    loaded.value = true;
    await afterPaint();
    const [all, reportRecords] = await Promise.all([summariseRecords('deliberation', summaryOf), allRecords('deliberation_follow_up')]);
    sessions.value = all;
    sessionCount.value = all.length;
    reports.value = reportRecords;
    complete.value = true;
  }

  const rows = computed<SessionRow[]>(() => sessions.value);

  function filtered(filter: SessionFilter): SessionRow[] {
    return rows.value.filter(
      (row) => (!filter.communityId || row.communityId === filter.communityId) && (!filter.topic || row.topic === filter.topic) && (!filter.month || row.heldOn.startsWith(filter.month)),
    );
  }

  /** Follow-up actions not done, overdue first, then by due date. */
  function openFollowUps(today: string) {
    const order = { overdue: 0, due: 1, open: 2, done: 3 } as const;
    return followUpLines(sessions.value, reports.value, today)
      .filter((line) => line.standing !== 'done')
      .sort((a, b) => order[a.standing] - order[b.standing] || a.dueOn.localeCompare(b.dueOn));
  }

  function community(id: string): Community | undefined {
    return communities.value.find((candidate) => candidate.id === id);
  }

  /** Deletes a draft with the photos and signature images kept only for it. */
  async function discardDraft(id: string): Promise<void> {
    await discardStoredDraft(id);
    drafts.value = drafts.value.filter((draft) => draft.id !== id);
  }

  /** A session with its signatures (made at the same instant), as stored on this device. */
  async function sessionWithSignatures(id: string): Promise<{ session: StoredRecord; signatures: StoredRecord[]; reports: StoredRecord[] } | undefined> {
    const session = await getRecord(id);
    if (!session || session.kind !== 'deliberation') return undefined;
    const signatures = (await recordsFinalisedBetween('signature', session.finalisedAt, '\uffff')).filter((signature) => signature.data.signedRecordId === id);
    const sessionReports = (await allRecords('deliberation_follow_up')).filter((report) => report.data.sessionId === id);
    return { session, signatures, reports: sessionReports };
  }

  /** Reports progress on one action of a signed session as a new record (with its photo's blob). */
  async function reportFollowUp(sessionId: string, report: FollowUpReport, now: Date = new Date()): Promise<void> {
    const session = await getRecord(sessionId);
    const user = useSessionStore().user;
    if (!session || !user) throw new Error('no such session');
    const at = now.toISOString();
    const record = followUpRecord(uuidv7(), session, report, { authorId: user.id, deviceId: await deviceId(), createdAt: at, finalisedAt: at });
    // The photo code (with its compressor) loads when a report needs it, not with the list.
    const blobs = report.photo ? await (await import('./photos')).usePhotosStore().blobsFor([report.photo]) : [];
    await saveFinalised([record], blobs);
    reports.value = [...reports.value, { ...record, finalisedAt: at, syncState: 'pending', origin: 'local' }];
  }

  /** A kept image (signature or photo) by its hash. */
  async function imageOf(hash: string): Promise<Blob | undefined> {
    return (await getBlob(hash))?.blob;
  }

  return { imageOf, reports, drafts, communities, loaded, complete, sessionCount, rows, load, filtered, openFollowUps, community, discardDraft, sessionWithSignatures, reportFollowUp };
});
