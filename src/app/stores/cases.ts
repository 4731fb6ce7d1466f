import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Case, CaseCounts, CaseDetail, CaseTransition, Department, NegativeItem } from '../../shared/cases/api';
import type { Photo } from '../../shared/photos';
import { buildNegativeList, createCase, fetchCase, fetchCaseCounts, fetchCaseExport, fetchCases, fetchDepartments, fetchUntriagedItems, transitionCase, uploadEvidence } from '../api/cases';
import { fetchRounds } from '../api/scores';
import { listReference } from '../db/reference';
import { onDeviceDataChange } from '../db/watch';
import { usePhotosStore } from './photos';
import { useSessionStore } from './session';

/** The office's negative list: cases in the user's scope, one case's detail, triage and steps. */
export const useCasesStore = defineStore('cases', () => {
  const cases = ref<Case[]>([]);
  const loaded = ref(false);
  const detail = ref<CaseDetail | null>(null);
  const departments = ref<Department[]>([]);
  const counts = ref<CaseCounts[]>([]);
  const today = ref('');
  const untriaged = ref<NegativeItem[]>([]);
  const roundIds = ref<string[]>([]);
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

  async function loadList(): Promise<void> {
    cases.value = await fetchCases(token());
    loaded.value = true;
  }

  async function loadCounts(): Promise<void> {
    const answer = await fetchCaseCounts(token());
    counts.value = answer.counts;
    today.value = answer.today;
  }

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

  /** Rounds whose responses can make a negative list (not drafts), newest first. */
  async function loadRounds(): Promise<void> {
    roundIds.value = (await fetchRounds(token())).filter((round) => round.state !== 'draft').map((round) => round.id).sort().reverse();
  }

  /** The round's untriaged items (of one sub-district when `subdistrictId` is not empty), after building the list if asked. */
  async function loadUntriaged(roundId: string, subdistrictId: string, rebuild: boolean): Promise<void> {
    if (rebuild) await buildNegativeList(roundId, token());
    untriaged.value = await fetchUntriagedItems(roundId, subdistrictId, token());
  }

  function merge(itemIds: string[], title: string, category: string): Promise<Case> {
    return createCase({ itemIds, title, category }, token());
  }

  function exportFile(format: 'csv' | 'xlsx'): Promise<Blob> {
    return fetchCaseExport(format, token());
  }

  return { cases, loaded, communities, followCommunities, detail, departments, counts, today, untriaged, roundIds, loadList, loadCounts, open, step, loadRounds, loadUntriaged, merge, exportFile };
});
