import { Workbox } from 'workbox-window';
import { ref } from 'vue';
import { backoffDelay } from '../sync/backoff';

/** Set when a new version is installed and waiting; the app offers it and never reloads by itself. */
export const updateAvailable = ref(false);
/**
 * Whether this device can open the app offline: 'preparing' during the first install, 'retrying'
 * after it failed (a precached file missing, e.g. the site rebuilt meanwhile), 'ready' once a worker
 * is active for the first time on this page, 'settled' when the worker said so already or was dismissed.
 */
export type OfflineState = 'settled' | 'preparing' | 'retrying' | 'ready';
export const offlineState = ref<OfflineState>('settled');
/** How long "应用已可离线使用。" stays before it goes by itself (it can be dismissed sooner). */
const readyShownMs = 8000;
let activateUpdate: (() => void) | undefined;

interface Timers {
  random: () => number;
  setTimer: (callback: () => void, ms: number) => unknown;
}

/**
 * Follows a first install until a worker is active; a failed one is registered again while the page
 * is open, on the sync engine's backoff, since a browser removes a registration whose first install failed.
 */
export function followFirstInstall(registration: ServiceWorkerRegistration, register: () => Promise<ServiceWorkerRegistration>, timers: Timers, attempt = 0): void {
  const ready = () => {
    offlineState.value = 'ready';
    timers.setTimer(() => {
      if (offlineState.value === 'ready') offlineState.value = 'settled';
    }, readyShownMs);
  };
  if (registration.active) {
    if (offlineState.value !== 'settled') ready();
    return;
  }
  const watch = (worker: ServiceWorker | null) =>
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'activated') ready();
      if (worker.state !== 'redundant' || registration.active) return;
      offlineState.value = 'retrying';
      timers.setTimer(() => {
        register().then(
          (next) => followFirstInstall(next, register, timers, attempt + 1),
          () => followFirstInstall(registration, register, timers, attempt + 1),
        );
      }, backoffDelay(attempt, timers.random));
    });
  registration.addEventListener('updatefound', () => watch(registration.installing), { once: true });
  watch(registration.installing ?? registration.waiting);
}

export function registerServiceWorker(scriptUrl = '/sw.js'): void {
  if (!('serviceWorker' in navigator)) return;
  if (!navigator.serviceWorker.controller) offlineState.value = 'preparing';
  const workbox = new Workbox(scriptUrl);
  workbox.addEventListener('waiting', () => {
    activateUpdate = () => {
      // Reload only once the new worker controls the page, so the page and its assets match.
      workbox.addEventListener('controlling', () => window.location.reload());
      workbox.messageSkipWaiting();
    };
    updateAvailable.value = true;
  });
  const timers: Timers = { random: Math.random, setTimer: (callback, ms) => setTimeout(callback, ms) };
  void workbox.register().then((registration) => {
    if (registration && offlineState.value !== 'settled') followFirstInstall(registration, () => navigator.serviceWorker.register(scriptUrl), timers);
  });
}

/** Called when the user accepts the update. */
export function applyUpdate(): void {
  activateUpdate?.();
}

export function dismissUpdate(): void {
  updateAvailable.value = false;
}

export function dismissOfflineReady(): void {
  offlineState.value = 'settled';
}
