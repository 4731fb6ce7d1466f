import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Organisation } from '../../shared/organisation-editing';
import { itemsForSubdistrict, type QuestionItem } from '../../shared/questionnaire/definition';
import { matchesRefusalFilters, type RefusalDetail, type RefusalFilters, type RefusalSummary } from '../../shared/refusals';
import { fetchOrganisation } from '../api/organisation';
import { fetchQuestionnaireVersion } from '../api/questionnaires';
import { acceptRefusal, dismissRefusal, fetchRefusal, fetchRefusals } from '../api/refusals';
import { useSessionStore } from './session';

/** The office's refused records: the list, the one open in detail, and the decisions. */
export const useRefusalsStore = defineStore('refusals', () => {
  const refusals = ref<RefusalSummary[]>([]);
  const total = ref(0);
  const loaded = ref(false);
  const selected = ref<RefusalDetail | null>(null);
  /** The questions of the selected response's questionnaire version, to correct its answers with the form engine. */
  const questions = ref<QuestionItem[] | null>(null);
  const organisation = ref<Organisation>({ subdistricts: [], communities: [], departments: [] });
  /** The list's filters as last loaded: a decision takes the record out of the 待处理 list. */
  let shownFilters: RefusalFilters | undefined;
  /** Refused records not decided yet, for the link on the office's home. */
  const openCount = ref<number | null>(null);

  const token = (): string => useSessionStore().signedInToken();

  async function load(filters: RefusalFilters): Promise<void> {
    const [list, units] = await Promise.all([fetchRefusals(token(), filters), loaded.value ? organisation.value : fetchOrganisation(token())]);
    refusals.value = list.refusals;
    total.value = list.total;
    shownFilters = { ...filters };
    organisation.value = units;
    loaded.value = true;
  }

  async function select(refusalId: string): Promise<void> {
    const detail = await fetchRefusal(token(), refusalId);
    const payload = detail.payload as { data?: { questionnaireId?: unknown; questionnaireVersion?: unknown } } | null;
    const { questionnaireId, questionnaireVersion } = payload?.data ?? {};
    questions.value = null;
    if (detail.kind === 'response' && typeof questionnaireId === 'string' && Number.isInteger(questionnaireVersion)) {
      // Without the questionnaire (unknown version, no network) the answers are edited as fields.
      const version = await fetchQuestionnaireVersion(questionnaireId, questionnaireVersion as number, token()).catch(() => undefined);
      questions.value = version ? itemsForSubdistrict(version.definition, detail.subdistrictId ?? undefined) : null;
    }
    selected.value = detail;
  }

  async function countOpen(): Promise<void> {
    openCount.value = (await fetchRefusals(token(), { state: 'open', limit: 1 })).total;
  }

  /** Puts the decided refusal in place in the list (out of it, when the list's filters no longer select it) and reloads its detail. */
  async function decided(refusal: RefusalSummary): Promise<void> {
    if (shownFilters && !matchesRefusalFilters(refusal, shownFilters)) {
      refusals.value = refusals.value.filter((row) => row.id !== refusal.id);
      total.value = Math.max(0, total.value - 1);
      if (openCount.value !== null) openCount.value = Math.max(0, openCount.value - 1);
    } else {
      refusals.value = refusals.value.map((row) => (row.id === refusal.id ? refusal : row));
    }
    await select(refusal.id);
  }

  return {
    refusals,
    total,
    loaded,
    selected,
    questions,
    organisation,
    openCount,
    load,
    select,
    countOpen,
    accept: async (refusalId: string, data: Record<string, unknown>) => decided(await acceptRefusal(token(), refusalId, data)),
    dismiss: async (refusalId: string, reason: string) => decided(await dismissRefusal(token(), refusalId, reason)),
  };
});
