import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { resetDeviceDatabase } from '../../../scripts/harness/device-reset';

// Each test starts with an empty IndexedDB and storage, as on a freshly installed device.
afterEach(async () => {
  await resetDeviceDatabase();
  localStorage.clear();
});
