import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { PublicRound, PublicRoundScores, PublicUnitScore } from '../../shared/rounds/public-api';
import { fetchPublicRounds, fetchPublicScores } from '../api/public-results';
import { useAsyncAction } from '../composables/useAsyncAction';

/** Highest score first, then units too small to estimate, then groups too small to publish. */
function publicOrder(units: readonly PublicUnitScore[]): PublicUnitScore[] {
  const key = (unit: PublicUnitScore) => (unit.suppressed ? -2 : (unit.score ?? -1));
  return [...units].sort((a, b) => key(b) - key(a) || a.name.localeCompare(b.name, 'zh-CN'));
}

/** The public page's published rounds and the scores it shows; no token, nothing personal. */
export const useResultsStore = defineStore('results', () => {
  const rounds = ref<PublicRound[]>([]);
  const subdistricts = ref<PublicRoundScores | null>(null);
  const communities = ref<PublicRoundScores | null>(null);
  const { pending: loading, error, run } = useAsyncAction();
  const failed = computed(() => error.value !== undefined);

  /** The published rounds, then `roundId`'s sub-districts (the newest round when none is named). */
  function open(roundId?: string): Promise<void> {
    return run(async () => {
      if (rounds.value.length === 0) rounds.value = await fetchPublicRounds();
      const chosen = rounds.value.find((round) => round.id === roundId) ?? rounds.value[0];
      subdistricts.value = chosen ? await fetchPublicScores(chosen.id, 'subdistrict') : null;
    });
  }

  function loadCommunities(roundId: string, subdistrictId: string): Promise<void> {
    return run(async () => {
      communities.value = await fetchPublicScores(roundId, 'community', subdistrictId);
    });
  }

  const rankedSubdistricts = computed(() => publicOrder(subdistricts.value?.units ?? []));
  const rankedCommunities = computed(() => publicOrder(communities.value?.units ?? []));

  return { rounds, subdistricts, communities, rankedSubdistricts, rankedCommunities, loading, failed, open, loadCommunities };
});
