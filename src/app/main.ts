import { createPinia } from 'pinia';
import { createApp, watch } from 'vue';
import App from './App.vue';
import { applyLocale, createAppI18n, initialLocale } from './i18n';
import { registerServiceWorker } from './pwa/register';
import { createAppRouter } from './router';
import { useSessionStore } from './stores/session';

const locale = initialLocale();
applyLocale(locale);
const app = createApp(App).use(createPinia()).use(createAppI18n(locale)).use(createAppRouter());
app.mount('#app');
registerServiceWorker();

const session = useSessionStore();
// Sync runs for whoever is signed in; a new token (signing in again after expiry) resumes the queue.
// Loaded on demand: the sign-in page needs none of it.
watch(
  () => session.token,
  async (token) => {
    const sync = (await import('./stores/sync')).useSyncStore();
    if (token) sync.start();
    else sync.stop();
  },
);
void session.restore().then(() => (navigator.onLine ? session.verify() : undefined));
window.addEventListener('online', () => void session.verify());
