import type { Role } from '../shared/roles';
import { createRouter, createWebHistory, type Router, type RouterHistory } from 'vue-router';
import HomePage from './pages/HomePage.vue';
import LoginPage from './pages/LoginPage.vue';
import { useSessionStore } from './stores/session';
import { officeRoutes } from './office-routes';
import { questionnaireRoutes } from './questionnaire-routes';
import { surveyRoutes } from './survey-routes';
import { deliberationRoutes } from './deliberation-routes';

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean;
    /** Roles allowed; any signed-in user when absent. */
    roles?: readonly Role[];
    /** A task that needs the whole screen (an interview): header and sync bar shrink. */
    immersive?: boolean;
    /** Opened by the button that creates what it edits (a draft), never by a link. */
    openedByAction?: boolean;
  }
}

export function createAppRouter(history: RouterHistory = createWebHistory()): Router {
  const router = createRouter({
    history,
    routes: [
      { path: '/login', name: 'login', component: LoginPage, meta: { public: true } },
      { path: '/', name: 'home', component: HomePage },
      ...surveyRoutes,
      ...officeRoutes,
      ...questionnaireRoutes,
      ...deliberationRoutes,
      { path: '/sync', name: 'sync', component: () => import('./pages/SyncPage.vue') },
      { path: '/account/password', name: 'change-password', component: () => import('./pages/ChangePasswordPage.vue') },
      { path: '/import', name: 'import', component: () => import('./pages/ImportPage.vue'), meta: { roles: ['supervisor', 'admin'] } },
      { path: '/not-for-your-role', name: 'not-for-role', component: () => import('./pages/NotForRolePage.vue') },
      { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { public: true } },
    ],
  });

  router.beforeEach(async (to) => {
    const session = useSessionStore();
    await session.restore();
    if (to.name === 'login') return session.signedIn && !session.expired ? { name: 'home' } : true;
    if (to.meta.public) return true;
    // A password the administrator set must be replaced before anything else.
    if (session.mustChangePassword && to.name !== 'change-password') return { name: 'change-password', replace: true };
    if (session.user) {
      const allowed = !to.meta.roles || to.meta.roles.includes(session.user.role);
      return allowed ? true : { name: 'not-for-role', query: { roles: to.meta.roles!.join(',') }, replace: true };
    }
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  });
  return router;
}
