import { describe, expect, it } from 'vitest';
import { readServerStore } from '../helpers/e2e/server-store';
import { useChromiumAndServer } from '../helpers/e2e/setup';
import { completeSignedWorkUnitInterview, openHousehold, readDeviceStore, signInAsWorker } from '../../scripts/harness/survey-browser';

const e2e = useChromiumAndServer();

describe('finalised survey records and the server', () => {
  it('are stored by the server once, as the device made them: a signed work-unit questionnaire, its image and its visit', async () => {
    const server = await e2e.startServer();
    const page = await (await e2e.newContext()).newPage();
    await signInAsWorker(page, server.url);
    await openHousehold(page, '挹江门示例第02社区', '2栋1单元301室');
    await completeSignedWorkUnitInterview(page, '希望增加停车位');

    await page.getByRole('button', { name: '立即同步' }).click();
    await page.getByRole('region', { name: '等待同步' }).getByText('所有记录都已同步').waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: '查看已完成的问卷（1份）' }).click();
    const row = page.locator('[data-response-row]');
    await row.getByText('已同步').waitFor();
    expect(await row.textContent()).toContain('已签名');

    const store = await readDeviceStore(page);
    expect(store.records.map((record) => [record.kind, record.syncState]).sort()).toEqual([
      ['response', 'synced'],
      ['signature', 'synced'],
      ['visit', 'synced'],
    ]);
    expect(store.blobs.map((blob) => blob.uploadState)).toEqual(['uploaded']);

    // The server's own rows: each record once, under the device's id, with the device's hash and content.
    const stored = readServerStore(server);
    const mine = stored.records.filter((row) => store.records.some((record) => record.id === row.id));
    expect(mine.map((row) => [row.id, row.kind, row.hash]).sort()).toEqual(store.records.map((record) => [record.id, record.kind, record.hash]).sort());
    for (const record of store.records) expect(mine.find((row) => row.id === record.id)!.data).toEqual(record.data);
    // The signature binds the response as stored, and its image is the one the device took.
    const response = mine.find((row) => row.kind === 'response')!;
    const signature = mine.find((row) => row.kind === 'signature')!;
    expect(signature.data).toMatchObject({ signedRecordId: response.id, signedHash: response.hash });
    const image = store.blobs[0]!;
    expect(signature.data.blobHash).toBe(image.hash);
    expect(stored.blobs.find((blob) => blob.hash === image.hash)?.size).toBe(image.bytes.length);
  });
});
