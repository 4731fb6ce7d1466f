import type { Role } from '../shared/roles';
import { createRouter, createWebHistory, type Router, type RouterHistory } from 'vue-router';
import HomePage from './pages/HomePage.vue';
import LoginPage from './pages/LoginPage.vue';
import { useSessionStore } from './stores/session';
import { officeRoutes } from './office-routes';
import { surveyRoutes } from './survey-routes';

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean;
    /** Roles allowed; any signed-in user when absent. */
    roles?: readonly Role[];
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
      { path: '/sync', name: 'sync', component: () => import('./pages/SyncPage.vue') },
      { path: '/import', name: 'import', component: () => import('./pages/ImportPage.vue'), meta: { roles: ['supervisor', 'admin'] } },
      { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { public: true } },
    ],
  });

  router.beforeEach(async (to) => {
    const session = useSessionStore();
    await session.restore();
    if (to.name === 'login') return session.signedIn && !session.expired ? { name: 'home' } : true;
    if (to.meta.public) return true;
    if (session.user) return !to.meta.roles || to.meta.roles.includes(session.user.role) ? true : { name: 'home' };
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  });
  return router;
}
