import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Quota } from '../../shared/assignments';
import type { BuildingAssignment, HouseholdAssignment } from '../../shared/households';
import type { Organisation } from '../../shared/organisation-editing';
import type { RoundSummary } from '../../shared/rounds/api';
import { assignBuilding, assignHouseholds, fetchCommunityWorkers, fetchHouseholds, fetchQuotas, importRegister, saveQuota } from '../api/households';
import { fetchOrganisation } from '../api/organisation';
import { fetchRounds } from '../api/scores';
import { useSessionStore } from './session';

/** The office's household register work: checking and writing a register file, assigning buildings or single doors, quotas. */
export const useHouseholdsStore = defineStore('households', () => {
  const organisation = ref<Organisation>({ subdistricts: [], communities: [], departments: [] });
  const rounds = ref<RoundSummary[]>([]);

  const token = (): string => useSessionStore().signedInToken();

  async function load(): Promise<void> {
    const [units, allRounds] = await Promise.all([fetchOrganisation(token()), fetchRounds(token())]);
    organisation.value = units;
    rounds.value = allRounds.filter((round) => round.state === 'draft' || round.state === 'open');
  }

  return {
    organisation,
    rounds,
    load,
    importRegister: (file: File, commit: boolean) => importRegister(file, commit, token()),
    assignBuilding: (assignment: BuildingAssignment) => assignBuilding(assignment, token()),
    assignHouseholds: (assignment: HouseholdAssignment) => assignHouseholds(assignment, token()),
    listHouseholds: (roundId: string, communityId: string, building: string) => fetchHouseholds(roundId, communityId, building, token()),
    listWorkers: (communityId: string) => fetchCommunityWorkers(communityId, token()),
    listQuotas: (roundId: string) => fetchQuotas(roundId, token()),
    saveQuota: (quota: Quota) => saveQuota(quota, token()),
  };
});
