import type { RouteRecordRaw } from 'vue-router';

/** Legal deliberation sessions are the adviser's: other roles are told so rather than shown its forms. */
const meta = { roles: ['legal_adviser'] } as const;

/** Routes of the adviser's deliberation screens. Pages load on demand. */
export const deliberationRoutes: RouteRecordRaw[] = [
  { path: '/deliberation', name: 'deliberation-sessions', component: () => import('./pages/deliberation/DeliberationSessionsPage.vue'), meta },
  { path: '/deliberation/drafts/:draftId', name: 'deliberation-draft', component: () => import('./pages/deliberation/DeliberationDraftPage.vue'), props: true, meta: { ...meta, immersive: true, openedByAction: true } },
  { path: '/deliberation/sessions/:sessionId', name: 'deliberation-session', component: () => import('./pages/deliberation/DeliberationSessionPage.vue'), props: true, meta },
];
