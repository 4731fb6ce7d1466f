import type { RouteRecordRaw } from 'vue-router';
import ResultsRankingPage from '../pages/results/ResultsRankingPage.vue';

/** The public results page's addresses: the ranking, and each sub-district's page. */
export const resultsRoutes: RouteRecordRaw[] = [
  { path: '/results', name: 'results', component: ResultsRankingPage },
  { path: '/results/:roundId/:subdistrictId', name: 'results-subdistrict', component: () => import('../pages/results/ResultsSubdistrictPage.vue'), props: true },
  { path: '/results/:pathMatch(.*)*', redirect: { name: 'results' } },
];
