import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ExportFile, FieldworkProgress, RoundDetail, RoundScores, RoundSummary } from '../../shared/rounds/api';
import { ApiError } from '../api/http';
import { fetchRound, fetchRoundExport, fetchRoundProgress, fetchRoundScores, fetchRounds } from '../api/scores';
import { useSessionStore } from './session';

const knownErrors: ReadonlySet<string> = new Set(['network', 'forbidden', 'not_found']);

/** Rounds whose scores are final enough to compare and report. */
const reportableStates: ReadonlySet<RoundSummary['state']> = new Set(['closed', 'published']);
/** Rounds shown on the trend chart: three years of half-year rounds. */
const trendRounds = 6;

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
  const loading = ref(false);
  const errorCode = ref<string | null>(null);

  /** The message key under `scores.errors` for the last failure. */
  const errorMessageKey = computed(() => (errorCode.value && knownErrors.has(errorCode.value) ? errorCode.value : 'other'));

  const token = (): string => useSessionStore().signedInToken();

  async function guarded(load: () => Promise<void>): Promise<void> {
    loading.value = true;
    errorCode.value = null;
    try {
      await load();
    } catch (error) {
      errorCode.value = error instanceof ApiError ? error.code : 'other';
    } finally {
      loading.value = false;
    }
  }

  /** The rounds, then `roundId` or else the newest closed or published round. */
  function open(roundId?: string): Promise<void> {
    return guarded(async () => {
      rounds.value = await fetchRounds(token());
      const chosen = roundId ?? rounds.value.find((candidate) => reportableStates.has(candidate.state))?.id ?? rounds.value[0]?.id;
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
    return guarded(async () => {
      if (!round.value) return;
      communities.value = await fetchRoundScores(round.value.id, { level: 'community', subdistrictId }, token());
    });
  }

  function loadTrend(): Promise<void> {
    return guarded(async () => {
      const chosen = round.value?.id;
      if (!chosen || !subdistricts.value) return;
      const index = rounds.value.findIndex((candidate) => candidate.id === chosen);
      const earlier = rounds.value.slice(index + 1).filter((candidate) => reportableStates.has(candidate.state)).slice(0, trendRounds - 1);
      const scores = await Promise.all(earlier.map((candidate) => fetchRoundScores(candidate.id, { level: 'subdistrict' }, token())));
      trend.value = [...scores.reverse(), subdistricts.value];
    });
  }

  async function exportFile(file: ExportFile): Promise<Blob | null> {
    const chosen = round.value?.id;
    if (!chosen) return null;
    try {
      return await fetchRoundExport(chosen, file, token());
    } catch (error) {
      errorCode.value = error instanceof ApiError ? error.code : 'other';
      return null;
    }
  }

  return { rounds, round, subdistricts, communities, trend, progress, loading, errorCode, errorMessageKey, open, loadCommunities, loadTrend, exportFile };
});
