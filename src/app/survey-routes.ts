import type { RouteRecordRaw } from 'vue-router';

/** Routes of the door-to-door survey; every one needs a signed-in user. Pages load on demand. */
export const surveyRoutes: RouteRecordRaw[] = [
  { path: '/survey/communities/:communityId', name: 'survey-households', component: () => import('./pages/survey/SurveyHouseholdsPage.vue'), props: true },
  { path: '/survey/households/:householdId', name: 'survey-visit', component: () => import('./pages/survey/SurveyVisitPage.vue'), props: true },
  { path: '/survey/drafts/:draftId', name: 'survey-interview', component: () => import('./pages/survey/SurveyInterviewPage.vue'), props: true },
  { path: '/survey/responses', name: 'survey-responses', component: () => import('./pages/survey/SurveyResponsesPage.vue') },
];
