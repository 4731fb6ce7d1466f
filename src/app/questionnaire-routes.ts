import type { RouteRecordRaw } from 'vue-router';

/** The administrator's questionnaire pages and the office's paper entry, each its own chunk. */
export const questionnaireRoutes: RouteRecordRaw[] = [
  { path: '/office/questionnaires', name: 'questionnaires', component: () => import('./pages/questionnaires/QuestionnairesListPage.vue'), meta: { roles: ['admin'] } },
  { path: '/office/paper', name: 'paper-entry', component: () => import('./pages/questionnaires/PaperEntryPage.vue'), meta: { roles: ['supervisor', 'admin'] } },
  { path: '/office/questionnaires/edit', name: 'questionnaire-editor', component: () => import('./pages/questionnaires/QuestionnaireEditorPage.vue'), meta: { roles: ['admin'], openedByAction: true } },
];
