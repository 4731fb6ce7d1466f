import { closeAppDatabase, databaseName } from '../../src/app/db/database';

/** Closes the app's IndexedDB and deletes it, as on a freshly installed device. */
export async function resetDeviceDatabase(): Promise<void> {
  await closeAppDatabase();
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(databaseName);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}
