import { createRouter, createWebHistory, type Router, type RouterHistory } from 'vue-router';
import HomePage from './pages/HomePage.vue';
import LoginPage from './pages/LoginPage.vue';
import { useSessionStore } from './stores/session';
import { surveyRoutes } from './survey-routes';

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean;
  }
}

export function createAppRouter(history: RouterHistory = createWebHistory()): Router {
  const router = createRouter({
    history,
    routes: [
      { path: '/login', name: 'login', component: LoginPage, meta: { public: true } },
      { path: '/', name: 'home', component: HomePage },
      ...surveyRoutes,
      { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { public: true } },
    ],
  });

  router.beforeEach(async (to) => {
    const session = useSessionStore();
    await session.restore();
    if (to.name === 'login') return session.signedIn && !session.expired ? { name: 'home' } : true;
    if (to.meta.public || session.signedIn) return true;
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  });
  return router;
}
