import type { Page } from 'playwright-core';
import { submitSignIn } from './page';
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

/** Signs in as the demo worker and waits until the pulled households are on the home page. */
export async function signInAsWorker(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await submitSignIn(page, 'demo-worker', 'demo1234');
  await page.getByRole('heading', { name: '网格员工作台' }).waitFor();
  await page.getByRole('link', { name: /入户登记（\d+户）/ }).first().waitFor({ timeout: 30_000 });
}

/** Opens a household of a community, going through the home page as a worker would (works offline). */
export async function openHousehold(page: Page, community: string, household: string): Promise<void> {
  await page.getByRole('link', { name: '鼓楼区居民满意度测评' }).click();
  await page.locator('.community', { hasText: community }).getByRole('link', { name: /入户登记（\d+户）/ }).click();
  await page.getByRole('link', { name: `走访 ${household}` }).click();
}

/** Two mouse strokes across a signature pad, by its accessible name (the resident's by default). */
export async function drawSignature(page: Page, padName = '受访者签名板'): Promise<void> {
  const pad = page.getByRole('img', { name: padName });
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('signature pad not visible');
  for (const [from, to] of [[0.2, 0.7], [0.3, 0.8]] as const) {
    await page.mouse.move(box.x + box.width * from, box.y + box.height * 0.3);
    await page.mouse.down();
    for (let step = 1; step <= 10; step += 1) {
      const x = from + ((to - from) * step) / 10;
      await page.mouse.move(box.x + box.width * x, box.y + box.height * (0.3 + 0.04 * step));
    }
    await page.mouse.up();
  }
}

/**
 * At an open household: consent, the work-unit questionnaire (one page: every satisfaction item
 * "satisfied", no visit from a grid worker, a comment), review, the signature, finalise.
 */
export async function completeSignedWorkUnitInterview(page: Page, comment: string): Promise<void> {
  await startWorkUnitInterview(page);
  await finishSignedWorkUnitInterview(page, comment);
}

/** At an open household: consent and the work-unit questionnaire, up to its questions. */
export async function startWorkUnitInterview(page: Page): Promise<void> {
  await page.getByRole('button', { name: '开门了，开始问卷' }).click();
  await page.getByRole('checkbox', { name: '受访者已知情并同意参加' }).check();
  await page.getByRole('radio', { name: /驻区单位/ }).check();
  await page.getByRole('button', { name: '开始答题' }).click();
  await page.getByRole('heading', { name: '驻区单位满意度问卷' }).waitFor();
}

/** On the work-unit questionnaire's page: the answers, review, the signature, finalise. */
export async function finishSignedWorkUnitInterview(page: Page, comment: string): Promise<void> {
  const satisfied = page.getByRole('radio', { name: '满意', exact: true });
  for (let n = 0, count = await satisfied.count(); n < count; n += 1) await satisfied.nth(n).check();
  await page.getByRole('group', { name: /网格员或社区工作人员是否走访过贵单位/ }).getByRole('radio', { name: '否' }).check();
  await page.getByRole('textbox', { name: /意见建议/ }).fill(comment);
  await page.getByRole('button', { name: '完成，核对答案' }).click();
  await page.getByRole('button', { name: '核对无误，请受访者签名' }).click();
  await drawSignature(page);
  await page.getByRole('button', { name: '确认签名并保存' }).click();
  await page.getByText('问卷和签名已保存在本机，等待同步。').waitFor();
}

/** Writes blobs straight into the device's IndexedDB, as the signature pad and the photo picker keep them (PNG unless a type is given). */
export async function putBlobs(page: Page, blobs: ReadonlyArray<{ hash: string; base64: string; type?: string }>, uploadState: 'pending' | 'draft' = 'pending'): Promise<void> {
  await page.evaluate(
    async ({ blobs, uploadState }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('gulou-survey');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const transaction = db.transaction('blobs', 'readwrite');
        for (const { hash, base64, type } of blobs) {
          const blob = new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: type ?? 'image/png' });
          transaction.objectStore('blobs').put({ hash, blob, type: blob.type, size: blob.size, uploadState });
        }
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
      });
      db.close();
    },
    { blobs, uploadState },
  );
}
