import { createPinia } from 'pinia';
import { createApp } from 'vue';
import OnlineApp from './OnlineApp.vue';
import { createOnlineI18n } from './locale';

// The resident's questionnaire (online.html, served at /q/{roundId}/{communityId}): no sign-in, none
// of the field app's or the office's code. The link carries only the round and the community.
const [, roundId = '', communityId = ''] = /^\/q\/([^/]+)\/([^/]+)\/?$/.exec(location.pathname)?.map(decodeURIComponent) ?? [];
const i18n = createOnlineI18n();
document.documentElement.lang = i18n.global.locale.value;
createApp(OnlineApp, { roundId, communityId }).use(createPinia()).use(i18n).mount('#online');

// The page's own worker keeps its shell for a reload without network; it controls /q/ only.
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/online-sw.js', { scope: '/q/' });
