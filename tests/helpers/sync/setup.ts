import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { resetDeviceDatabase } from '../../../scripts/harness/device-reset';

// Each test starts with an empty IndexedDB, as on a freshly installed device.
afterEach(resetDeviceDatabase);
