import type { Page } from 'playwright-core';
import type { StoredBlob, StoredRecord, StoredReference } from '../../src/app/db/database';

/** What the device holds, read straight from IndexedDB in the page: records, drafts and blobs (as bytes). */
export interface DeviceStore {
  records: StoredRecord[];
  drafts: Array<{ id: string; answers: Record<string, unknown>; position: number }>;
  blobs: Array<Omit<StoredBlob, 'blob'> & { bytes: number[] }>;
}

export async function readDeviceStore(page: Page): Promise<DeviceStore> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('gulou-survey');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    const records = await all<StoredRecord>('records');
    const drafts = await all<{ id: string; answers: Record<string, unknown>; position: number }>('drafts');
    const blobs = await Promise.all(
      (await all<StoredBlob>('blobs')).map(async ({ blob, ...rest }) => ({ ...rest, bytes: Array.from(new Uint8Array(await blob.arrayBuffer())) })),
    );
    db.close();
    return { records, drafts, blobs };
  });
}

/** Writes rows into the app's IndexedDB (opened by the app already) as the app's own code would. */
export async function putRows(page: Page, store: 'records' | 'reference' | 'drafts', rows: ReadonlyArray<StoredRecord | StoredReference | Record<string, unknown>>): Promise<void> {
  await page.evaluate(
    async ({ store, rows }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('gulou-survey');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const transaction = db.transaction(store, 'readwrite');
        for (const row of rows) transaction.objectStore(store).put(row);
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
      });
      db.close();
    },
    { store, rows },
  );
}
