import type { RouteLocationNormalized, RouteRecordRaw } from 'vue-router';
import { useSessionStore } from './stores/session';

/** An officer sees its own sub-district only (the server refuses the others' detail too). */
function ownSubdistrictOnly(to: RouteLocationNormalized) {
  const user = useSessionStore().user;
  if (user?.role !== 'subdistrict_officer' || user.scope.ids.includes(String(to.params.subdistrictId))) return true;
  return { name: 'office-scores-subdistrict', params: { subdistrictId: user.scope.ids[0] }, query: to.query };
}

/** Routes of the office's score pages; each page is its own chunk, the only ones that load chart.js. */
export const officeRoutes: RouteRecordRaw[] = [
  { path: '/office/scores', name: 'office-scores', component: () => import('./pages/office/ScoresDashboardPage.vue'), meta: { roles: ['supervisor', 'admin'] } },
  { path: '/office/scores/report', name: 'office-scores-report', component: () => import('./pages/office/ScoresReportPage.vue'), meta: { roles: ['supervisor', 'admin'] } },
  {
    path: '/office/scores/subdistricts/:subdistrictId',
    name: 'office-scores-subdistrict',
    component: () => import('./pages/office/ScoresSubdistrictPage.vue'),
    props: true,
    meta: { roles: ['supervisor', 'admin', 'subdistrict_officer'] },
    beforeEnter: ownSubdistrictOnly,
  },
  {
    path: '/office/scores/subdistricts/:subdistrictId/communities/:communityId',
    name: 'office-scores-community',
    component: () => import('./pages/office/ScoresCommunityPage.vue'),
    props: true,
    meta: { roles: ['supervisor', 'admin', 'subdistrict_officer'] },
    beforeEnter: ownSubdistrictOnly,
  },
  { path: '/office/deliberation', name: 'office-deliberation', component: () => import('./pages/office/DeliberationOfficePage.vue'), meta: { roles: ['supervisor', 'admin', 'subdistrict_officer'] } },
  {
    path: '/office/deliberation/sessions/:sessionId',
    name: 'office-deliberation-session',
    component: () => import('./pages/office/DeliberationMinutesPage.vue'),
    props: true,
    meta: { roles: ['supervisor', 'admin', 'subdistrict_officer'] },
  },
  // The online channel's QR posters: no chart.js here either.
  {
    path: '/office/online-posters',
    name: 'office-online-posters',
    component: () => import('./pages/office/OnlinePostersPage.vue'),
    meta: { roles: ['supervisor', 'admin', 'subdistrict_officer'] },
  },
  // The negative list: the server answers each role with its own cases only.
  { path: '/office/cases', name: 'office-cases', component: () => import('./pages/office/CasesListPage.vue'), meta: { roles: ['supervisor', 'admin', 'subdistrict_officer', 'department'] } },
  { path: '/office/cases/triage', name: 'office-cases-triage', component: () => import('./pages/office/CasesTriagePage.vue'), meta: { roles: ['supervisor'] } },
  { path: '/office/cases/:caseId', name: 'office-case', component: () => import('./pages/office/CasesDetailPage.vue'), props: true, meta: { roles: ['supervisor', 'admin', 'subdistrict_officer', 'department'] } },
  { path: '/office/devices', name: 'office-devices', component: () => import('./pages/office/FleetPage.vue'), meta: { roles: ['supervisor', 'admin'] } },
  { path: '/office/households', name: 'office-households', component: () => import('./pages/office/HouseholdsPage.vue'), meta: { roles: ['supervisor', 'admin'] } },
  { path: '/office/rounds', name: 'office-rounds', component: () => import('./pages/office/RoundsPage.vue'), meta: { roles: ['supervisor', 'admin'] } },
  { path: '/office/people', name: 'office-people', component: () => import('./pages/office/PeoplePage.vue'), meta: { roles: ['admin'] } },
  { path: '/office/organisation', name: 'office-organisation', component: () => import('./pages/office/OrganisationPage.vue'), meta: { roles: ['admin'] } },
  { path: '/office/quotas', name: 'office-quotas', component: () => import('./pages/office/QuotasPage.vue'), meta: { roles: ['supervisor', 'admin'] } },
  { path: '/office/refusals', name: 'office-refusals', component: () => import('./pages/office/RefusalsPage.vue'), meta: { roles: ['supervisor', 'admin'] } },
];
