import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { BuildingAssignment } from '../../shared/households';
import type { Organisation } from '../../shared/organisation-editing';
import type { RoundSummary } from '../../shared/rounds/api';
import { assignBuilding, importRegister } from '../api/households';
import { fetchOrganisation } from '../api/organisation';
import { fetchRounds } from '../api/scores';
import { useSessionStore } from './session';

/** The office's household register work: checking and writing a register file, assigning buildings. */
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
  };
});
