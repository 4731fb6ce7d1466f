import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Organisation } from '../../shared/organisation-editing';
import type { LateDecision, LateResponse, RoundDetail, RoundSummary } from '../../shared/rounds/api';
import type { RoundAction } from '../../shared/rounds/lifecycle';
import type { ScoringSettings } from '../../shared/scoring/settings';
import { fetchOrganisation } from '../api/organisation';
import { changeRoundState, createRound, decideLateResponse, fetchLateResponses, saveRoundSettings } from '../api/rounds';
import { fetchRound, fetchRoundScores, fetchRounds } from '../api/scores';
import { publicReach as reachOf, type PublicReach } from '../../shared/rounds/publishing';
import { useSessionStore } from './session';


/** The office's rounds: the list, the chosen round with its counts and history, and its late responses. */
export const useRoundsStore = defineStore('rounds', () => {
  const rounds = ref<RoundSummary[] | null>(null);
  const chosen = ref<RoundDetail | null>(null);
  const lateResponses = ref<LateResponse[]>([]);
  const organisation = ref<Organisation>({ subdistricts: [], communities: [], departments: [] });
  const token = (): string => useSessionStore().signedInToken();

  async function load(): Promise<void> {
    const [list, units] = await Promise.all([fetchRounds(token()), fetchOrganisation(token())]);
    rounds.value = list;
    organisation.value = units;
  }

  /** After a change only the rounds' states move: the organisation read at load still holds. */
  async function refreshList(): Promise<void> {
    rounds.value = await fetchRounds(token());
  }

  /** Reads the round again, and its late responses once it has closed (only then can there be any). */
  async function choose(roundId: string): Promise<void> {
    const detail = await fetchRound(roundId, token());
    lateResponses.value = detail.state === 'draft' || detail.state === 'open' ? [] : (await fetchLateResponses(roundId, token())).responses;
    chosen.value = detail;
  }

  async function afterChange(roundId: string): Promise<void> {
    await Promise.all([refreshList(), choose(roundId)]);
  }

  async function create(roundId: string): Promise<void> {
    await createRound(roundId, token());
    await afterChange(roundId);
  }

  async function saveSettings(roundId: string, settings: ScoringSettings): Promise<void> {
    await saveRoundSettings(roundId, settings, token());
    await afterChange(roundId);
  }

  async function changeState(roundId: string, action: RoundAction, reason?: string): Promise<void> {
    await changeRoundState(roundId, action, reason, token());
    await afterChange(roundId);
  }

  async function decideLate(roundId: string, responseId: string, decision: LateDecision): Promise<void> {
    await decideLateResponse(roundId, responseId, decision, token());
    await choose(roundId);
  }

  /** What publishing would show: how many sub-districts reach the public minimum group size, as the public page withholds the rest. */
  async function publicReach(roundId: string, minimumGroupSize: number): Promise<PublicReach> {
    const { units } = await fetchRoundScores(roundId, { level: 'subdistrict' }, token());
    return reachOf(units, minimumGroupSize);
  }

  return { rounds, chosen, lateResponses, organisation, load, choose, create, saveSettings, changeState, decideLate, publicReach };
});
