import type { RouteRecordRaw } from 'vue-router';

/** Door-to-door work is the grid worker's: other roles are told so rather than shown its forms. */
const meta = { roles: ['grid_worker'] } as const;

/** Routes of the door-to-door survey. Pages load on demand. */
export const surveyRoutes: RouteRecordRaw[] = [
  { path: '/survey/communities/:communityId', name: 'survey-households', component: () => import('./pages/survey/SurveyHouseholdsPage.vue'), props: true, meta },
  { path: '/survey/households/:householdId', name: 'survey-visit', component: () => import('./pages/survey/SurveyVisitPage.vue'), props: true, meta },
  { path: '/survey/drafts/:draftId', name: 'survey-interview', component: () => import('./pages/survey/SurveyInterviewPage.vue'), props: true, meta: { ...meta, immersive: true, openedByAction: true } },
  { path: '/survey/responses', name: 'survey-responses', component: () => import('./pages/survey/SurveyResponsesPage.vue'), meta },
  { path: '/survey/revisits/:taskId', name: 'survey-revisit-check', component: () => import('./pages/survey/SurveyRevisitCheckPage.vue'), props: true, meta },
];
