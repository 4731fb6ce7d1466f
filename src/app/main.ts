import { createPinia } from 'pinia';
import { createApp, watch } from 'vue';
import App from './App.vue';
import { applyLocale, createAppI18n, initialLocale } from './i18n';
import { registerServiceWorker } from './pwa/register';
import { createAppRouter } from './router';
import { useSessionStore } from './stores/session';
import { useSyncStore } from './stores/sync';

const locale = initialLocale();
applyLocale(locale);
const app = createApp(App).use(createPinia()).use(createAppI18n(locale)).use(createAppRouter());
app.mount('#app');
registerServiceWorker();

const session = useSessionStore();
const sync = useSyncStore();
// Sync runs for whoever is signed in; a new token (signing in again after expiry) resumes the queue.
watch(
  () => session.token,
  (token) => (token ? sync.restart() : sync.stop()),
);
void session.restore().then(() => (navigator.onLine ? session.verify() : undefined));
window.addEventListener('online', () => void session.verify());
