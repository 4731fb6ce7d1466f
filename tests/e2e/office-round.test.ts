import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/e2e/axe';
import { useChromiumAndServer } from '../helpers/e2e/setup';
import { submitSignIn } from '../../scripts/harness/page';
import { completeSignedWorkUnitInterview } from '../../scripts/harness/survey-browser';

const e2e = useChromiumAndServer();
const community = '挹江门示例第01社区';

/** 200 doors of yijiangmen-c01 as an office would type them: buildings 1-10, units 1-2, rooms 101-1001. */
async function registerWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('住户名册');
  sheet.addRow(['社区', '楼栋', '单元', '房号']);
  for (let i = 0; i < 200; i += 1) sheet.addRow([community, String(Math.floor(i / 20) + 1), String(Math.floor((i % 20) / 10) + 1), `${(i % 10) + 1}01`]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function officePage(context: BrowserContext, url: string, username: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${url}/login`);
  await submitSignIn(page, username, 'demo1234');
  return page;
}

describe('the office runs a round in Chromium', () => {
  it('admin creates a worker, the supervisor imports and assigns a building, the worker surveys offline and syncs, the fleet shows it', async () => {
    const server = await e2e.startServer();

    const admin = await officePage(await e2e.newContext(), server.url, 'demo-admin');
    await admin.getByRole('link', { name: '管理用户、角色与管辖范围' }).click();
    await admin.getByRole('button', { name: '新建用户' }).click();
    await admin.getByLabel('登录名').fill('wang.wei');
    await admin.getByLabel('姓名').fill('王伟');
    await admin.getByLabel('角色').selectOption('grid_worker');
    await admin.getByRole('checkbox', { name: community }).check();
    await admin.getByLabel('临时密码').fill('temporary-1');
    await admin.getByRole('button', { name: '保存' }).click();
    await admin.getByText('已创建用户 wang.wei。').waitFor();
    expect(await admin.locator('tr[data-username="wang.wei"]').textContent()).toContain('待修改密码');
    await expectAccessible(admin, 'the people page');
    await admin.screenshot({ path: 'reports/screenshots/office-people.png', fullPage: false });

    const supervisor = await officePage(await e2e.newContext(), server.url, 'demo-supervisor');
    await supervisor.getByRole('link', { name: '导入住户名册、分配楼栋' }).click();
    await supervisor.locator('#register-file').setInputFiles({ name: 'register.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await registerWorkbook() });
    await supervisor.getByText('检查结果：共 200 行，新增 200 户，已在名册中 0 户。').waitFor();
    await supervisor.getByRole('button', { name: '写入 200 户' }).click();
    await supervisor.getByText('已写入 200 户。').waitFor();
    await supervisor.getByLabel('测评轮次').selectOption('2026-H1');
    await supervisor.getByLabel('社区', { exact: true }).selectOption({ label: community });
    await supervisor.getByLabel('楼栋', { exact: true }).fill('3');
    await supervisor.getByLabel('网格员', { exact: true }).selectOption({ label: '王伟（wang.wei）' });
    await supervisor.getByRole('button', { name: '分配' }).click();
    await supervisor.getByText(/已分配 20 户/).waitFor();
    await expectAccessible(supervisor, 'the household register page');
    await supervisor.screenshot({ path: 'reports/screenshots/office-households.png' });

    const phoneContext = await e2e.newContext();
    const phone = await phoneContext.newPage();
    await phone.goto(`${server.url}/login`);
    await submitSignIn(phone, 'wang.wei', 'temporary-1');
    await phone.getByRole('heading', { name: '修改密码' }).waitFor();
    await phone.screenshot({ path: 'reports/screenshots/change-password-phone.png' });
    await phone.getByLabel('当前密码（临时密码）').fill('temporary-1');
    await phone.getByLabel('新密码', { exact: true }).fill('wang-wei-secret');
    await phone.getByLabel('再次输入新密码').fill('wang-wei-secret');
    await phone.getByRole('button', { name: '保存新密码' }).click();
    await phone.getByRole('heading', { name: '网格员工作台' }).waitFor();
    const households = phone.locator('.community', { hasText: community }).getByRole('link', { name: '入户登记（20户）' });
    await households.waitFor({ timeout: 30_000 });
    await phone.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });

    await phoneContext.setOffline(true);
    await households.click();
    await phone.getByRole('link', { name: '走访 3栋1单元101室' }).click();
    await completeSignedWorkUnitInterview(phone, '楼道灯坏了');
    await phoneContext.setOffline(false);
    await phone.getByRole('button', { name: '立即同步' }).click();
    await phone.getByRole('region', { name: '等待同步' }).getByText('所有记录都已同步').waitFor({ timeout: 30_000 });

    await supervisor.goto(`${server.url}/office/devices`);
    const row = supervisor.locator('tbody tr', { hasText: '王伟' });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe(community);
    expect(cells[1]).toMatch(/\d{1,2}:\d{2}/);
    expect(cells[2]).toMatch(/^0/);
    expect(await supervisor.locator('.fleet-page .totals').textContent()).toContain('0 条记录尚未同步');
    await expectAccessible(supervisor, 'the fleet view');
    await supervisor.screenshot({ path: 'reports/screenshots/office-devices.png' });
  });
});
