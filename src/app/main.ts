import { createPinia } from 'pinia';
import { createApp } from 'vue';
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
void session.restore().then(() => (navigator.onLine ? session.verify() : undefined));
window.addEventListener('online', () => void session.verify());
