import { Workbox } from 'workbox-window';
import { ref } from 'vue';

/** Set when a new version is installed and waiting; the app offers it and never reloads by itself. */
export const updateAvailable = ref(false);
export const offlineReady = ref(false);
let activateUpdate: (() => void) | undefined;

export function registerServiceWorker(scriptUrl = '/sw.js'): void {
  if (!('serviceWorker' in navigator)) return;
  const workbox = new Workbox(scriptUrl);
  workbox.addEventListener('waiting', () => {
    activateUpdate = () => {
      // Reload only once the new worker controls the page, so the page and its assets match.
      workbox.addEventListener('controlling', () => window.location.reload());
      workbox.messageSkipWaiting();
    };
    updateAvailable.value = true;
  });
  workbox.addEventListener('activated', (event) => {
    if (!event.isUpdate) offlineReady.value = true;
  });
  void workbox.register();
}

/** Called when the user accepts the update. */
export function applyUpdate(): void {
  activateUpdate?.();
}

export function dismissUpdate(): void {
  updateAvailable.value = false;
}
