import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/e2e/axe';
import { useChromiumAndServer, waitForServiceWorker } from '../helpers/e2e/setup';
import { submitSignIn } from '../../scripts/harness/page';
import { readDeviceStore, signInAsWorker } from '../../scripts/harness/survey-browser';

const e2e = useChromiumAndServer();
/** A 1×1 PNG: a photo as far as the picker and its compression are concerned. */
const photo = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const screenshots = process.env.E2E_SCREENSHOTS;

async function signIn(context: BrowserContext, url: string, username: string, heading: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await submitSignIn(page, username, 'demo1234');
  await page.getByRole('heading', { name: heading }).waitFor();
  return page;
}

async function shoot(page: Page, name: string): Promise<void> {
  if (screenshots) await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage: true });
}

/**
 * Takes a step on the case page: the action, a note, photos; waits for the new state. `offline`:
 * submitted without a network, the report waits on the device until the network returns.
 */
async function takeStep(page: Page, action: string, state: string, options: { note?: string; photo?: boolean; department?: string; offline?: boolean } = {}): Promise<void> {
  await page.getByRole('radio', { name: action, exact: true }).check();
  if (options.department) await page.getByLabel('职能部门', { exact: true }).selectOption({ label: options.department });
  if (options.note) await page.getByLabel(/说明|理由/).fill(options.note);
  if (options.photo) {
    await page.locator('input[data-source="gallery"]').setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: photo });
    await page.getByRole('img', { name: /照片/ }).first().waitFor();
  }
  if (options.offline) await page.context().setOffline(true);
  await page.getByRole('button', { name: '提交' }).click();
  if (options.offline) {
    await page.getByRole('region', { name: '等待同步' }).getByText('已保存在本机，联网后自动发送').waitFor();
    await shoot(page, 'cases-officer-waiting');
    await page.context().setOffline(false);
  }
  await page.locator('.facts .state', { hasText: state }).waitFor({ timeout: 30_000 });
}

/** On the triage page: the first untriaged item of `community` in 2025-H2 made into a case, left on its page. */
async function triageOne(page: Page, url: string, community: string, title: string, category: string, build: boolean): Promise<void> {
  await page.goto(`${url}/office/cases/triage`);
  await page.getByLabel('测评轮次').selectOption({ label: '2025年下半年' });
  await page.getByLabel('街道', { exact: true }).selectOption({ label: '挹江门街道' });
  if (build) await page.getByRole('button', { name: '生成本轮负面清单' }).click();
  const item = page.locator('.items li', { hasText: community }).first();
  await item.waitFor({ timeout: 60_000 });
  await item.getByRole('checkbox').check();
  await page.getByLabel('案件名称').fill(title);
  await page.getByLabel('类别').selectOption({ label: category });
  await page.getByRole('button', { name: /合并为一个案件/ }).click();
  await page.getByRole('heading', { name: title }).waitFor();
}

/** From the case list (any role), the case called `title`. */
async function openFromList(page: Page, url: string, title: string): Promise<void> {
  await page.goto(`${url}/office/cases`);
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('heading', { name: title }).waitFor();
}

describe('the negative list across four roles in Chromium', () => {
  it('supervisor triages and assigns; officer, offline, reports fixed with a photo, sent when back online; the worker, offline, records the residents’ answer; the case is confirmed and its timeline shows every step', async () => {
    const server = await e2e.startServer({ publishedRound: true });

    // Supervisor: build 2025-H2's list, merge an item of the worker's community into a case, assign it.
    const office = await e2e.newContext();
    const supervisor = await signIn(office, server.url, 'demo-supervisor', '考评办工作台');
    await supervisor.setViewportSize({ width: 1280, height: 800 });
    await supervisor.getByRole('link', { name: '待分拣条目' }).click();
    await supervisor.getByLabel('测评轮次').selectOption({ label: '2025年下半年' });
    await supervisor.getByLabel('街道').selectOption({ label: '挹江门街道' });
    await supervisor.getByRole('button', { name: '生成本轮负面清单' }).click();
    const item = supervisor.locator('.items li', { hasText: '挹江门示例第01社区' }).first();
    await item.waitFor({ timeout: 60_000 });
    await item.getByRole('checkbox').check();
    await supervisor.getByLabel('案件名称').fill('楼道环境脏乱');
    await supervisor.getByLabel('类别').selectOption({ label: '环境整治' });
    await shoot(supervisor, 'cases-triage');
    await expectAccessible(supervisor, 'the triage page');
    await supervisor.getByRole('button', { name: /合并为一个案件/ }).click();
    await supervisor.getByRole('heading', { name: '楼道环境脏乱' }).waitFor();
    await takeStep(supervisor, '派发', '已派发');
    const caseUrl = supervisor.url();

    // Officer: the badge shows it, the list leads to it; start, then report fixed with a photo.
    const officer = await signIn(await e2e.newContext(), server.url, 'demo-officer', '街道工作人员工作台');
    await officer.setViewportSize({ width: 1280, height: 800 });
    await officer.getByText('1件新案件').waitFor();
    await shoot(officer, 'cases-officer-home');
    await officer.getByRole('link', { name: '查看案件' }).click();
    await officer.getByRole('link', { name: '楼道环境脏乱' }).click();
    await takeStep(officer, '开始整改', '整改中');
    // Reported without a network: kept on the device, sent when it returns.
    await takeStep(officer, '报告已整改', '已报整改', { note: '已清理楼道并增设保洁', photo: true, offline: true });
    await shoot(officer, 'cases-officer-case');
    await expectAccessible(officer, 'the officer’s case page');

    // Grid worker on a phone: pulls the re-visit task, goes offline, records the residents' answer, then syncs.
    const phone = await e2e.newContext();
    const worker = await phone.newPage();
    await worker.setViewportSize({ width: 390, height: 844 });
    await signInAsWorker(worker, server.url);
    await waitForServiceWorker(worker);
    const task = worker.getByRole('link', { name: /楼道环境脏乱/ });
    await task.waitFor({ timeout: 30_000 });
    await phone.setOffline(true);
    await task.click();
    await worker.getByRole('radio', { name: '有改善', exact: true }).check();
    await worker.getByLabel('询问居民人数').fill('2');
    await worker.getByLabel(/居民的话/).fill('楼道干净多了');
    await shoot(worker, 'cases-revisit-form');
    await expectAccessible(worker, 'the re-visit form');
    await worker.getByRole('button', { name: '保存回访' }).click();
    await worker.getByText('回访已保存').waitFor();
    expect((await readDeviceStore(worker)).records.filter((record) => record.kind === 'revisit').map((record) => record.syncState)).toEqual(['pending']);
    await phone.setOffline(false);
    await worker.getByRole('link', { name: '回到工作台' }).click();
    await worker.getByRole('button', { name: '立即同步' }).click();
    await worker.getByRole('region', { name: '等待同步' }).getByText('所有记录都已同步').waitFor({ timeout: 30_000 });

    // The supervisor sees the case confirmed, with every step on its timeline.
    await supervisor.goto(caseUrl);
    await supervisor.locator('.facts .state', { hasText: '居民确认已改善' }).waitFor();
    const timeline = await supervisor.locator('.timeline').innerText();
    for (const step of ['立案', '派发', '开始整改', '报告已整改', '居民确认已改善', '楼道干净多了', '附照片1张']) expect(timeline).toContain(step);
    await shoot(supervisor, 'cases-timeline');
    await expectAccessible(supervisor, 'the case timeline');
    // Four sign-ins, a 35,000-response round to build the list from, and a phone that syncs.
  }, 300_000);
  it('residents who say "not improved" reopen the case back to the sub-district; an escalated case reaches the department, which reports for duty (报到) and hands it back', async () => {
    const server = await e2e.startServer({ publishedRound: true });
    const office = await e2e.newContext();
    const supervisor = await signIn(office, server.url, 'demo-supervisor', '考评办工作台');
    await supervisor.setViewportSize({ width: 1280, height: 800 });
    await triageOne(supervisor, server.url, '挹江门示例第01社区', '楼道灯长期不亮', '物业管理', true);
    await takeStep(supervisor, '派发', '已派发');
    await triageOne(supervisor, server.url, '挹江门示例第02社区', '夜市油烟扰民', '餐饮油烟噪声扰民', false);
    await takeStep(supervisor, '派发', '已派发');

    // The administrator has retired the transport bureau: it keeps its name but is offered no more.
    const retired = await supervisor.evaluate(async () => {
      const login = await (await fetch('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'demo-admin', password: 'demo1234' }) })).json();
      const answer = await fetch('/api/departments/transport/active', { method: 'PUT', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${login.token}` }, body: JSON.stringify({ active: false }) });
      return answer.status;
    });
    expect(retired).toBe(200);

    // Officer: reports the first fixed, blows the whistle on the second (吹哨) to the urban management bureau.
    const officer = await signIn(await e2e.newContext(), server.url, 'demo-officer', '街道工作人员工作台');
    await officer.setViewportSize({ width: 1280, height: 800 });
    await officer.getByText('2件新案件').waitFor();
    await openFromList(officer, server.url, '楼道灯长期不亮');
    await takeStep(officer, '报告已整改', '已报整改', { note: '已更换楼道灯' });
    await openFromList(officer, server.url, '夜市油烟扰民');
    await officer.getByRole('radio', { name: '吹哨（提请职能部门）', exact: true }).check();
    const offered = await officer.getByLabel('职能部门', { exact: true }).locator('option').allInnerTexts();
    expect(offered).toContain('区城市管理局');
    expect(offered).not.toContain('区交通运输局');
    await takeStep(officer, '吹哨（提请职能部门）', '已吹哨', { note: '需城管执法', department: '区城市管理局' });

    // The grid worker asks the residents at the door: not improved.
    const phone = await e2e.newContext();
    const worker = await phone.newPage();
    await worker.setViewportSize({ width: 390, height: 844 });
    await signInAsWorker(worker, server.url);
    const task = worker.getByRole('link', { name: /楼道灯长期不亮/ });
    await task.waitFor({ timeout: 30_000 });
    await task.click();
    await worker.getByRole('radio', { name: '没有改善', exact: true }).check();
    await worker.getByLabel('询问居民人数').fill('3');
    await worker.getByLabel(/居民的话/).fill('晚上还是黑的');
    await worker.getByRole('button', { name: '保存回访' }).click();
    await worker.getByText('回访已保存').waitFor();
    await worker.getByRole('link', { name: '回到工作台' }).click();
    await worker.getByRole('button', { name: '立即同步' }).click();
    await worker.getByRole('region', { name: '等待同步' }).getByText('所有记录都已同步').waitFor({ timeout: 30_000 });

    // Back with the sub-district: reopened, with the residents' words, and the officer may start again.
    await openFromList(officer, server.url, '楼道灯长期不亮');
    await officer.locator('.facts .state', { hasText: '重新整改' }).waitFor();
    expect(await officer.locator('.timeline').innerText()).toContain('晚上还是黑的');
    await officer.getByRole('radio', { name: '开始整改', exact: true }).waitFor();
    const reopenedList = officer.locator('.case-table tr', { hasText: '楼道灯长期不亮' });
    await officer.goto(`${server.url}/office/cases`);
    await officer.getByLabel('状态').selectOption({ label: '重新整改' });
    await reopenedList.waitFor();
    expect(await officer.locator('.case-table tbody tr').count()).toBe(1);
    await shoot(officer, 'cases-list-reopened');
    await expectAccessible(officer, 'the filtered case list');

    // The department: its badge, its list of one, 报到, then its report hands the case back.
    const department = await signIn(await e2e.newContext(), server.url, 'demo-department', '职能部门工作台');
    await department.setViewportSize({ width: 1280, height: 800 });
    await department.getByText('1件新案件').waitFor();
    await department.getByRole('link', { name: '查看案件' }).click();
    await department.getByText('共1件，已显示1件').waitFor();
    await department.getByRole('link', { name: '夜市油烟扰民' }).click();
    await department.getByRole('heading', { name: '夜市油烟扰民' }).waitFor();
    await takeStep(department, '报到（接单）', '已吹哨');
    // 报到 keeps the state: wait for its line on the timeline.
    await department.locator('.timeline li', { hasText: '报到（接单）' }).waitFor();
    await takeStep(department, '报告处置情况', '整改中', { note: '已对三家商户立案处罚', photo: true });
    await shoot(department, 'cases-department-case');
    await expectAccessible(department, 'the department’s case page');

    // The sub-district has it again, and the supervisor sees the whole way.
    await openFromList(officer, server.url, '夜市油烟扰民');
    await officer.locator('.facts .state', { hasText: '整改中' }).waitFor();
    await officer.getByRole('radio', { name: '报告已整改', exact: true }).waitFor();
    await openFromList(supervisor, server.url, '夜市油烟扰民');
    const timeline = await supervisor.locator('.timeline').innerText();
    for (const step of ['派发', '吹哨（提请职能部门）', '需城管执法', '报到（接单）', '报告处置情况', '已对三家商户立案处罚', '附照片1张', '已吹哨 → 整改中']) expect(timeline).toContain(step);
  }, 300_000);
});
