import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible } from '../helpers/e2e/axe';
import { readServerStore } from '../helpers/e2e/server-store';
import { useChromiumAndServer, waitForServiceWorker } from '../helpers/e2e/setup';
import type { LiveServer } from '../../scripts/harness/live-server';
import { completeSignedWorkUnitInterview, openHousehold, readDeviceStore, signInAsWorker } from '../../scripts/harness/survey-browser';
import { signIn } from '../../scripts/harness/sync-device';

const e2e = useChromiumAndServer();

async function newPage(): Promise<Page> {
  return (await e2e.newContext()).newPage();
}

function serverRecords(server: LiveServer): Array<{ id: string; kind: string; hash: string }> {
  return readServerStore(server).records.map(({ id, kind, hash }) => ({ id, kind, hash }));
}

/** Collects every text the sync status line shows, however briefly. */
async function recordSyncStatuses(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { syncStatuses: string[] }).syncStatuses = seen;
    new MutationObserver(() => {
      const text = document.querySelector('.sync-status')?.textContent;
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { syncStatuses: string[] }).syncStatuses);
}

describe('offline work reaching the server, and a second device', () => {
  it('sends two signed questionnaires and a visit once back online, and a second device pulls new households and the records', async () => {
    const server = await e2e.startServer();
    const first = await newPage();
    await signInAsWorker(first, server.url);
    await waitForServiceWorker(first);

    await first.context().setOffline(true);
    await openHousehold(first, '挹江门示例第01社区', '1栋1单元201室');
    await completeSignedWorkUnitInterview(first, '楼道灯坏了');
    await openHousehold(first, '挹江门示例第01社区', '2栋1单元201室');
    await completeSignedWorkUnitInterview(first, '希望增加充电桩');
    await openHousehold(first, '挹江门示例第02社区', '1栋1单元101室');
    await first.getByRole('button', { name: '没能走访', exact: true }).click();
    await first.getByRole('radio', { name: '无人在家', exact: true }).check();
    await first.getByRole('button', { name: '保存走访结果' }).click();
    await first.getByText('已记录：无人在家').waitFor();

    await first.getByText('7 条记录等待同步').waitFor();
    expect(serverRecords(server)).toEqual([]);
    const statuses = await recordSyncStatuses(first);

    await first.context().setOffline(false);
    await first.getByText('所有记录均已同步').waitFor({ timeout: 30_000 });

    const seen = await statuses();
    expect(seen.some((text) => /^(上传签名图片|上传记录|下载最新数据)：\d+\/\d+$/.test(text) || text === '正在同步…')).toBe(true);
    expect(seen.filter((text) => text.endsWith('0/0'))).toEqual([]);
    await expectAccessible(first, 'the home page after sync');
    await first.getByRole('link', { name: /所有记录均已同步/ }).click();
    await first.getByRole('heading', { name: '数据同步' }).waitFor();
    await expectAccessible(first, 'the sync page');
    const device = await readDeviceStore(first);
    expect(device.records.map((r) => r.syncState)).toEqual(Array(7).fill('synced'));
    const stored = serverRecords(server);
    expect(stored).toEqual(device.records.map(({ id, kind, hash }) => ({ id, kind, hash })).sort((a, b) => a.id.localeCompare(b.id)));
    expect(stored.map((r) => r.kind).sort()).toEqual(['response', 'response', 'signature', 'signature', 'visit', 'visit', 'visit']);

    // The office assigns one more household through the API.
    const officer = await signIn(server.url, 'demo-officer');
    const assigned = await fetch(`${server.url}/api/assignments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${officer.token}` },
      body: JSON.stringify({ communityId: 'yijiangmen-c01', roundId: '2026-H1', building: '9', unit: '3', room: '808', assignedTo: 'demo-worker' }),
    });
    expect(assigned.status).toBe(201);

    const second = await newPage();
    await signInAsWorker(second, server.url);
    await second.locator('.community', { hasText: '挹江门示例第01社区' }).getByRole('link', { name: '入户登记（7户）' }).click();
    await second.getByRole('link', { name: '走访 9栋3单元808室' }).waitFor();
    await second.goto(`${server.url}/survey/responses`);
    await second.locator('[data-response-row]').nth(1).waitFor();
    await expectAccessible(second, 'the list of responses');
    const rows = await second.locator('[data-response-row]').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.includes('已同步') && row.includes('已签名'))).toBe(true);
  });
});
