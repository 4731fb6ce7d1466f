import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ExportFile, FieldworkProgress, RoundDetail, RoundScores, RoundSummary } from '../../shared/rounds/api';
import { fetchRound, fetchRoundExport, fetchRoundProgress, fetchRoundScores, fetchRounds } from '../api/scores';
import { newestRound } from '../../shared/rounds/order';
import { reportableStates, trendLength, trendRounds } from '../../shared/rounds/trend';
import { useAsyncAction } from '../composables/useAsyncAction';
import { useSessionStore } from './session';

/** The office's view of the scores: the chosen round, its sub-districts, one sub-district's communities, the trend. */
export const useScoresStore = defineStore('scores', () => {
  const rounds = ref<RoundSummary[]>([]);
  const round = ref<RoundDetail | null>(null);
  const subdistricts = ref<RoundScores | null>(null);
  const communities = ref<RoundScores | null>(null);
  /** Sub-district scores of earlier reportable rounds, oldest first, ending with the chosen round. */
  const trend = ref<RoundScores[]>([]);
  /** Fieldwork against quotas, while the chosen round is open. */
  const progress = ref<FieldworkProgress | null>(null);
  /** The last load's failure, as thrown (ErrorAlert says it with `scores.errors`). */
  const { pending: loading, error, run } = useAsyncAction();

  const token = (): string => useSessionStore().signedInToken();

  /**
   * The rounds, then `roundId` or else the newest closed or published round by date (a closed one
   * awaiting publication is what the office checks next), else the newest round.
   */
  function open(roundId?: string): Promise<void> {
    return run(async () => {
      rounds.value = await fetchRounds(token());
      const chosen = roundId ?? newestRound(rounds.value, (candidate) => reportableStates.includes(candidate.state))?.id ?? rounds.value[0]?.id;
      if (!chosen) return;
      const isOpen = rounds.value.find((candidate) => candidate.id === chosen)?.state === 'open';
      const [detail, scores, fieldwork] = await Promise.all([
        fetchRound(chosen, token()),
        fetchRoundScores(chosen, { level: 'subdistrict' }, token()),
        isOpen ? fetchRoundProgress(chosen, token()) : null,
      ]);
      round.value = detail;
      progress.value = fieldwork;
      subdistricts.value = scores;
      communities.value = null;
      trend.value = [];
    });
  }

  function loadCommunities(subdistrictId: string): Promise<void> {
    return run(async () => {
      if (!round.value) return;
      communities.value = await fetchRoundScores(round.value.id, { level: 'community', subdistrictId }, token());
    });
  }

  function loadTrend(): Promise<void> {
    return run(async () => {
      const chosen = round.value?.id;
      if (!chosen || !subdistricts.value) return;
      // The chosen round's scores are already read; the trend ends with them.
      const earlier = trendRounds(rounds.value, { states: reportableStates, endingWith: chosen, limit: trendLength }).slice(0, -1);
      const scores = await Promise.all(earlier.map((candidate) => fetchRoundScores(candidate.id, { level: 'subdistrict' }, token())));
      trend.value = [...scores, subdistricts.value];
    });
  }

  async function exportFile(file: ExportFile): Promise<Blob | null> {
    const chosen = round.value?.id;
    if (!chosen) return null;
    return (await run(() => fetchRoundExport(chosen, file, token()))) ?? null;
  }

  return { rounds, round, subdistricts, communities, trend, progress, loading, error, open, loadCommunities, loadTrend, exportFile };
});
