import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { verifySignature } from '../../src/shared/signature';
import { submitSignIn } from '../../scripts/harness/page';
import { drawSignature, readDeviceStore } from '../../scripts/harness/survey-browser';
import { expectAccessible } from '../helpers/e2e/axe';
import { useChromiumAndServer } from '../helpers/e2e/setup';

const e2e = useChromiumAndServer();

/** A real photo the browser can decode: a 64×48 PNG drawn by the page itself. */
async function photoPng(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#3a7';
    context.fillRect(0, 0, 64, 48);
    context.fillStyle = '#fff';
    context.fillRect(8, 8, 20, 12);
    return canvas.toDataURL('image/png');
  });
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

async function sign(page: Page, padName: string): Promise<void> {
  await drawSignature(page, padName);
  await page.getByRole('button', { name: '确认签名并保存' }).click();
}

describe('a legal deliberation session, offline', () => {
  it('is recorded with three attendee signatures and a photo through a reload, followed up, synced, and printed at the office', async () => {
    const server = await e2e.startServer();
    const context = await e2e.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await submitSignIn(page, 'demo-adviser', 'demo1234');
    await page.getByRole('heading', { name: '法律顾问工作台' }).waitFor();
    // The app's pages must be cached before the signal goes.
    await page.evaluate(async () => void (await navigator.serviceWorker.ready));
    await context.setOffline(true);

    await page.getByRole('link', { name: '查看援法议事记录' }).click();
    await page.getByRole('button', { name: '新建援法议事记录' }).click();
    // The form engine labels each item's group and its control, and marks required fields: "议题 （必填）".
    await page.getByRole('textbox', { name: '开始时间' }).fill('14:00');
    await page.getByRole('textbox', { name: '结束时间' }).fill('15:30');
    await page.getByRole('textbox', { name: '地点' }).fill('社区议事厅');
    await page.getByRole('radio', { name: '安装充电桩' }).check();
    const title = page.getByRole('textbox', { name: /^议题/ });
    await title.fill('地下车库加装充电桩');
    await page.getByLabel('居民人数').fill('15');
    await page.getByLabel('物业公司人数').fill('2');
    await page.locator('input[data-source="gallery"]').setInputFiles({ name: 'room.png', mimeType: 'image/png', buffer: await photoPng(page) });
    await page.getByText('已添加照片，共 1 张。').waitFor();
    await expectAccessible(page, 'the session form');

    // Midway, the page reloads (offline): the draft resumes with what was typed and the photo.
    const draftUrl = page.url();
    await page.waitForTimeout(700);
    await page.reload();
    expect(page.url()).toBe(draftUrl);
    await title.waitFor();
    expect(await title.inputValue()).toBe('地下车库加装充电桩');
    await page.getByRole('img', { name: '照片 1' }).waitFor();
    await page.getByRole('textbox', { name: '群众反映的问题' }).fill('车位少，充电桩安装位置有争议。');
    await page.getByRole('button', { name: '添加跟进事项' }).click();
    await page.getByLabel('事项 1').fill('物业公司提交安装方案');
    await page.getByLabel('负责人').fill('物业公司');
    await page.getByLabel('完成期限').fill('2026-12-15');
    await page.getByRole('button', { name: '填写完毕，请参会人签名' }).click();

    for (const name of ['张三', '李四', '王五']) {
      await page.getByLabel('参会人姓名（可不填）').fill(name);
      await sign(page, `${name}签名板`);
      await page.getByText(`已签名 ${['张三', '李四', '王五'].indexOf(name) + 1} 人`).waitFor();
    }
    await page.getByRole('button', { name: '主持法律顾问签名' }).click();
    await sign(page, '主持法律顾问签名板');
    await page.getByText('主持法律顾问已签名').waitFor();
    await expectAccessible(page, 'signing the session');
    await page.getByRole('button', { name: '完成并保存' }).click();
    await page.getByText('援法议事记录已保存，联网后自动同步。').waitFor();

    // Later, the follow-up action is reported done, still offline.
    await page.getByRole('button', { name: '报告进展' }).click();
    await page.getByRole('radio', { name: '已完成' }).check();
    await page.getByRole('button', { name: '保存进展' }).click();
    await page.getByText('进展已保存，联网后自动同步。').waitFor();

    const offline = await readDeviceStore(page);
    const session = offline.records.find((record) => record.kind === 'deliberation')!;
    const signatures = offline.records.filter((record) => record.kind === 'signature');
    expect(signatures.map((signature) => signature.data.signerName ?? 'host')).toEqual(['张三', '李四', '王五', 'host']);
    for (const signature of signatures) {
      const image = offline.blobs.find((blob) => blob.hash === signature.data.blobHash)!;
      expect(verifySignature(signature, session, new Uint8Array(image.bytes))).toBeUndefined();
    }
    expect(offline.records.map((record) => record.kind).filter((kind) => kind === 'deliberation_follow_up')).toHaveLength(1);

    // Back online, it syncs.
    await context.setOffline(false);
    await page.getByRole('button', { name: '立即同步' }).click();
    await page.waitForFunction(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const request = indexedDB.open('gulou-survey');
        request.onsuccess = () => resolve(request.result);
      });
      const records = await new Promise<Array<{ syncState: string }>>((resolve) => {
        const request = db.transaction('records').objectStore('records').getAll();
        request.onsuccess = () => resolve(request.result as Array<{ syncState: string }>);
      });
      db.close();
      return records.length === 6 && records.every((record) => record.syncState === 'synced');
    }, undefined, { timeout: 30_000, polling: 500 });

    // The supervisor sees it and opens the printable minutes with the three signatures.
    const office = await (await e2e.newContext()).newPage();
    await office.setViewportSize({ width: 1280, height: 800 });
    await office.goto(server.url);
    await submitSignIn(office, 'demo-supervisor', 'demo1234');
    await office.getByRole('link', { name: '查看援法议事记录' }).click();
    await office.getByRole('link', { name: '地下车库加装充电桩' }).click();
    await office.getByRole('heading', { name: '援法议事会议纪要' }).waitFor();
    const attendees = office.locator('.signatures ul').first().locator('img');
    await office.waitForFunction(() => document.querySelectorAll('.signatures ul:first-of-type img[src^="blob:"]').length === 3, undefined, { timeout: 20_000 });
    expect(await attendees.evaluateAll((images) => images.map((image) => (image as HTMLImageElement).naturalWidth > 0))).toEqual([true, true, true]);
    expect(await office.locator('.signatures .name').allTextContents()).toEqual(['张三', '李四', '王五', '演示法律顾问']);
    await expectAccessible(office, 'the printable minutes');
    await office.emulateMedia({ media: 'print' });
    expect(await office.getByRole('button', { name: '打印会议纪要' }).isVisible()).toBe(false);
    expect(await office.locator('.app-header').isVisible()).toBe(false);
    expect(await office.locator('.signatures img').count()).toBe(4);
    await office.screenshot({ path: 'reports/deliberation-minutes.png', fullPage: true });
  });
});
