import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { closeAppDatabase, databaseName } from '../../src/app/db/database';

// Each test starts with an empty IndexedDB, as on a freshly installed device.
afterEach(async () => {
  await closeAppDatabase();
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(databaseName);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
});
