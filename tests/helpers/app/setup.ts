import 'fake-indexeddb/auto';
import { getActivePinia } from 'pinia';
import { afterEach, beforeEach, vi } from 'vitest';
import { useSyncStore } from '../../../src/app/stores/sync';
import { resetDeviceDatabase } from '../../../scripts/harness/device-reset';

// No server answers component tests: a request a test did not stub fails as it would offline.
beforeEach(() => {
  vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
});

// Each test starts with an empty IndexedDB and storage, as on a freshly installed device, and no
// sync left running from the test before (a worker's first sign-in starts one).
afterEach(async () => {
  const pinia = getActivePinia();
  if (pinia) useSyncStore(pinia).stop();
  vi.unstubAllGlobals();
  await resetDeviceDatabase();
  localStorage.clear();
});
