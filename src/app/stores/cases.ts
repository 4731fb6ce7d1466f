import { defineStore } from 'pinia';
import { ref } from 'vue';
import { defaultCasePageSize, type Case, type CaseBadge, type CaseCounts, type CaseDetail, type CaseFilter, type CaseTransition, type Department, type NegativeItem } from '../../shared/cases/api';
import { v7 as uuidv7 } from 'uuid';
import { caseReportData, caseReportProblems, type CaseReport, type CaseReportField } from '../../shared/cases/report';
import type { Photo } from '../../shared/photos';
import { finaliseRecord, type RecordData } from '../../shared/records';
import { buildNegativeList, createCase, fetchCase, fetchCaseBadge, fetchCaseCounts, fetchCaseExport, fetchCases, fetchDepartments, fetchUntriagedItems, transitionCase, uploadEvidence } from '../api/cases';
import { fetchImage } from '../api/deliberation';
import { fetchRounds } from '../api/scores';
import type { SyncState } from '../db/database';
import type { PushErrorCode } from '../../shared/sync';
import { deviceId } from '../db/device';
import { allRecords, discardRefused, saveFinalised } from '../db/records';
import { listReference } from '../db/reference';
import { onDeviceDataChange } from '../db/watch';
import { usePhotosStore } from './photos';
import { useSessionStore } from './session';
import { useSyncStore } from './sync';

/** An officer's report kept on this device until the server has it (or refused it). */
export interface WaitingReport {
  id: string;
  data: RecordData<'case_report'>;
  syncState: SyncState;
  syncError?: string | undefined;
  syncCode?: PushErrorCode | undefined;
}

/** A report the server would refuse, found on the device before it is kept: the fields to put right. */
export class InvalidCaseReport extends Error {
  constructor(readonly fields: readonly CaseReportField[]) {
    super(`the report cannot be sent as it is: ${fields.join(', ')}`);
  }
}

/** The office's negative list: pages of cases in the user's scope, one case's detail, triage and steps. */
export const useCasesStore = defineStore('cases', () => {
  /** The pages read so far of the cases matching `filter`, in the server's work order. */
  const cases = ref<Case[]>([]);
  const filter = ref<CaseFilter>({});
  const total = ref(0);
  const nextOffset = ref<number | null>(null);
  const loaded = ref(false);
  const badge = ref<CaseBadge | null>(null);
  const detail = ref<CaseDetail | null>(null);
  const departments = ref<Department[]>([]);
  const counts = ref<CaseCounts[]>([]);
  const today = ref('');
  const untriaged = ref<NegativeItem[]>([]);
  const roundIds = ref<string[]>([]);
  /** The officer's reports on the open case that the server does not hold yet, oldest first. */
  const waitingReports = ref<WaitingReport[]>([]);
  /** Community names by id, from the organisation pulled to the device (any scope: office users see many). */
  const communities = ref(new Map<string, { zh: string; en: string }>());

  /** Reads the community names now and again whenever a pull writes to the device. */
  function followCommunities(): () => void {
    void loadCommunities();
    return onDeviceDataChange(() => void loadCommunities());
  }

  async function loadCommunities(): Promise<void> {
    const rows = await listReference('community');
    communities.value = new Map(rows.map((row) => [row.id, { zh: String(row.data.nameZh ?? row.id), en: String(row.data.nameEn ?? row.id) }]));
  }

  const token = (): string => useSessionStore().signedInToken();

  /** Bumped by every new filter, so that an answer to an older one is dropped. */
  let listRequest = 0;

  /** The first page of the cases matching `wanted`. */
  async function loadList(wanted: CaseFilter = {}): Promise<void> {
    const request = ++listRequest;
    filter.value = { ...wanted };
    loaded.value = false;
    const page = await fetchCases(filter.value, { offset: 0, limit: defaultCasePageSize }, token());
    if (request !== listRequest) return;
    cases.value = page.cases;
    total.value = page.total;
    nextOffset.value = page.nextOffset;
    loaded.value = true;
  }

  /** The next page of the same filter, added below the ones shown. */
  async function loadMore(): Promise<void> {
    if (nextOffset.value === null) return;
    const request = listRequest;
    const page = await fetchCases(filter.value, { offset: nextOffset.value, limit: defaultCasePageSize }, token());
    if (request !== listRequest) return;
    const shown = new Set(cases.value.map((c) => c.id));
    cases.value = [...cases.value, ...page.cases.filter((c) => !shown.has(c.id))];
    total.value = page.total;
    nextOffset.value = page.nextOffset;
  }

  async function loadBadge(): Promise<void> {
    badge.value = await fetchCaseBadge(token());
  }

  async function loadCounts(): Promise<void> {
    const answer = await fetchCaseCounts(token());
    counts.value = answer.counts;
    today.value = answer.today;
  }

  /**
   * Reads `load` again whenever this device's records or pulled data change (a sync delivered a
   * report, a pull brought a task), so a home's counts follow what the sync bar shows. A failed
   * read keeps the counts shown.
   */
  function following(load: () => Promise<void>): () => void {
    return onDeviceDataChange(() => void load().catch(() => undefined));
  }
  const followBadge = () => following(loadBadge);
  const followCounts = () => following(loadCounts);

  async function open(caseId: string): Promise<void> {
    detail.value = null;
    const [found, known] = await Promise.all([fetchCase(caseId, token()), departments.value.length > 0 ? departments.value : fetchDepartments(token())]);
    detail.value = found;
    departments.value = known;
  }

  /** Uploads the photos first (blobs by hash), then takes the step naming them. */
  async function step(caseId: string, body: Omit<CaseTransition, 'evidence'>, photos: readonly Photo[] = []): Promise<void> {
    const blobs = await usePhotosStore().blobsFor(photos);
    for (const { hash, blob } of blobs) await uploadEvidence(hash, blob, token());
    await transitionCase(caseId, { ...body, ...(photos.length > 0 ? { evidence: photos.map((photo) => photo.blobHash) } : {}) }, token());
    await open(caseId);
  }

  async function loadWaitingReports(caseId: string): Promise<void> {
    const records = await allRecords('case_report');
    waitingReports.value = records
      // A refused report stays here until the user corrects or discards it, or the office decides on it.
      .filter((record) => record.data.caseId === caseId && record.syncState !== 'synced' && !record.userDecision && !record.officeDecision)
      .map((record) => ({ id: record.id, data: record.data as RecordData<'case_report'>, syncState: record.syncState, syncError: record.syncError, syncCode: record.syncCode }))
      .sort((a, b) => (a.data.finalisedAt < b.data.finalisedAt ? -1 : 1));
  }

  /** The case as the server has it now; kept as it was when the server cannot be reached. */
  async function refreshDetail(caseId: string): Promise<void> {
    try {
      const found = await fetchCase(caseId, token());
      // Read while no case was shown (opened offline), or this one: never over another case opened since.
      if (!detail.value || detail.value.case.id === caseId) detail.value = found;
    } catch {
      // Offline: the waiting report says what is still to reach the server.
    }
  }

  /**
   * An officer's progress or fixed report, made as a device record with its photos as blobs, in one
   * write: kept offline, sent by the sync engine when the server can be reached (at once if it can).
   * Checked first as the server will check it. `corrects`: the refused report this one puts right.
   */
  async function report(caseId: string, body: CaseReport, startedAt: Date, now: Date = new Date(), corrects?: string): Promise<void> {
    const user = useSessionStore().user;
    const current = detail.value?.case;
    if (!user || current?.id !== caseId) throw new Error(`case ${caseId} is not open`);
    const data = caseReportData(current, body, { authorId: user.id, deviceId: await deviceId() }, startedAt, now);
    const problems = caseReportProblems(data);
    if (problems.length > 0) throw new InvalidCaseReport(problems);
    await saveFinalised([finaliseRecord('case_report', uuidv7(), data)], await usePhotosStore().blobsFor(body.photos), undefined, corrects);
    await loadWaitingReports(caseId);
    await useSyncStore().syncNow();
    await Promise.all([loadWaitingReports(caseId), refreshDetail(caseId)]);
  }

  /** Gives up a refused report, with the reason; it stays on the device, settled. */
  async function discardReport(caseId: string, reportId: string, reason: string, at: Date = new Date()): Promise<void> {
    await discardRefused(reportId, reason.trim(), at);
    await loadWaitingReports(caseId);
    await useSyncStore().refresh();
  }

  /** Follows the open case's waiting reports as the sync engine sends them; the case is read again once one arrived. */
  function followReports(caseId: string): () => void {
    void loadWaitingReports(caseId);
    return onDeviceDataChange(async () => {
      const before = waitingReports.value.length;
      await loadWaitingReports(caseId);
      if (waitingReports.value.length < before) await refreshDetail(caseId);
    });
  }

  /** A timeline photo: from this device when it holds it (the officer's own), else from the server; undefined when neither can give it. */
  async function evidenceImage(hash: string): Promise<Blob | undefined> {
    const kept = await usePhotosStore().image(hash);
    if (kept) return kept;
    try {
      return await fetchImage(hash, token());
    } catch {
      return undefined;
    }
  }

  /** Rounds whose responses can make a negative list (not drafts), newest first. */
  async function loadRounds(): Promise<void> {
    roundIds.value = (await fetchRounds(token())).filter((round) => round.state !== 'draft').map((round) => round.id);
  }

  /** The round's untriaged items (of one sub-district when `subdistrictId` is not empty), after building the list if asked. */
  async function loadUntriaged(roundId: string, subdistrictId: string, rebuild: boolean): Promise<void> {
    if (rebuild) await buildNegativeList(roundId, token());
    untriaged.value = await fetchUntriagedItems(roundId, subdistrictId, token());
  }

  function merge(itemIds: string[], title: string, category: string): Promise<Case> {
    return createCase({ itemIds, title, category }, token());
  }

  /** Every case matching the list's filter, not only the pages read. */
  function exportFile(format: 'csv' | 'xlsx'): Promise<Blob> {
    return fetchCaseExport(format, filter.value, token());
  }

  return { cases, filter, total, nextOffset, loaded, badge, waitingReports, report, discardReport, followReports, evidenceImage, communities, followCommunities, detail, departments, counts, today, untriaged, roundIds, loadList, loadMore, loadBadge, loadCounts, followBadge, followCounts, open, step, loadRounds, loadUntriaged, merge, exportFile };
});
