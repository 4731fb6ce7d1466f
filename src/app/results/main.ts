import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { createRouter, createWebHistory } from 'vue-router';
import ResultsApp from './ResultsApp.vue';
import { resultsRoutes } from './routes';
import { resultsLocale } from './text';

// The public results page: its own entry (results.html), no sign-in, none of the field app's code.
document.documentElement.lang = resultsLocale.value;
createApp(ResultsApp).use(createPinia()).use(createRouter({ history: createWebHistory(), routes: resultsRoutes })).mount('#results');
