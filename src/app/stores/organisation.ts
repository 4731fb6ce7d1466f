import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CommunityImportReport, CommunityUpdate, Organisation, SubdistrictUpdate } from '../../shared/organisation-editing';
import { fetchOrganisation, importCommunityNames, saveCommunity, saveDepartment, saveSubdistrict, setDepartmentActive } from '../api/organisation';
import { useSessionStore } from './session';

/** The administrator's organisation: units and departments, reloaded after every change so the page shows what the server holds. */
export const useOrganisationStore = defineStore('organisation', () => {
  const organisation = ref<Organisation>({ subdistricts: [], communities: [], departments: [] });
  const loaded = ref(false);

  const token = (): string => useSessionStore().signedInToken();

  async function load(): Promise<void> {
    organisation.value = await fetchOrganisation(token());
    loaded.value = true;
  }

  async function afterwards<T>(work: Promise<T>): Promise<T> {
    const result = await work;
    await load();
    return result;
  }

  return {
    organisation,
    loaded,
    load,
    saveSubdistrict: (id: string, update: SubdistrictUpdate) => afterwards(saveSubdistrict(id, update, token())),
    saveCommunity: (id: string, update: CommunityUpdate) => afterwards(saveCommunity(id, update, token())),
    saveDepartment: (id: string, names: { nameZh: string; nameEn: string }) => afterwards(saveDepartment(id, names, token())),
    setDepartmentActive: (id: string, active: boolean) => afterwards(setDepartmentActive(id, active, token())),
    /** Checks (commit false) or writes (commit true) a names file; a written one reloads the units. */
    async importCommunityNames(file: File, commit: boolean): Promise<CommunityImportReport> {
      const report = await importCommunityNames(file, commit, token());
      if (report.written) await load();
      return report;
    },
  };
});
