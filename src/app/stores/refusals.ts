import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { OrganisationList } from '../../shared/organisation';
import type { RefusalDetail, RefusalSummary } from '../../shared/refusals';
import { fetchOrganisation } from '../api/organisation';
import { acceptRefusal, dismissRefusal, fetchRefusal, fetchRefusals, type RefusalFilters } from '../api/refusals';
import { useSessionStore } from './session';

/** The office's refused records: the list, the one open in detail, and the decisions. */
export const useRefusalsStore = defineStore('refusals', () => {
  const refusals = ref<RefusalSummary[]>([]);
  const total = ref(0);
  const loaded = ref(false);
  const selected = ref<RefusalDetail | null>(null);
  const organisation = ref<OrganisationList>({ subdistricts: [], communities: [] });
  /** Refused records not decided yet, for the link on the office's home. */
  const openCount = ref<number | null>(null);

  const token = (): string => useSessionStore().signedInToken();

  async function load(filters: RefusalFilters): Promise<void> {
    const [list, units] = await Promise.all([fetchRefusals(token(), filters), loaded.value ? organisation.value : fetchOrganisation(token())]);
    refusals.value = list.refusals;
    total.value = list.total;
    organisation.value = units;
    loaded.value = true;
  }

  async function select(refusalId: string): Promise<void> {
    selected.value = await fetchRefusal(token(), refusalId);
  }

  async function countOpen(): Promise<void> {
    openCount.value = (await fetchRefusals(token(), { state: 'open', limit: 1 })).total;
  }

  /** Puts the decided refusal in place in the list and reloads its detail (now with the corrected version). */
  async function decided(refusal: RefusalSummary): Promise<void> {
    refusals.value = refusals.value.map((row) => (row.id === refusal.id ? refusal : row));
    await select(refusal.id);
  }

  return {
    refusals,
    total,
    loaded,
    selected,
    organisation,
    openCount,
    load,
    select,
    countOpen,
    accept: async (refusalId: string, data: Record<string, unknown>) => decided(await acceptRefusal(token(), refusalId, data)),
    dismiss: async (refusalId: string, reason: string) => decided(await dismissRefusal(token(), refusalId, reason)),
  };
});
