import type { RouteRecordRaw } from 'vue-router';

/** Routes of the door-to-door survey; every one needs a signed-in user. */
export const surveyRoutes: RouteRecordRaw[] = [];
